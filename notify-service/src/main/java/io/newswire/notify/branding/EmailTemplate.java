package io.newswire.notify.branding;

import com.samskivert.mustache.Template;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One compiled email: its plain-text and HTML templates. Rendering gives both from the same
 * content; the brand and the footer are available to every template (and partial) as
 * {@code brand.*} and {@code footer.*}.
 */
public final class EmailTemplate {

    private final Template text;
    private final Template html;
    private final Brand brand;
    private final UnaryOperator<String> htmlEscaper;

    EmailTemplate(Template text, Template html, Brand brand, UnaryOperator<String> htmlEscaper) {
        this.text = text;
        this.html = html;
        this.brand = brand;
        this.htmlEscaper = htmlEscaper;
    }

    /**
     * @param content the email's own values (a record or map), looked up before {@code brand} and {@code footer}
     */
    public Bodies render(Object content, Footer footer) {
        Map<String, Object> shared = Map.of("brand", brand, "footer", footer);
        return new Bodies(execute(text, content, shared), execute(html, content, shared));
    }

    /**
     * A value as the HTML template writes a {@code {{value}}}: escaped. For filling in a value left
     * as a mark when the bodies were rendered once for many readers.
     */
    public String htmlValue(String value) {
        return htmlEscaper.apply(value);
    }

    private static String execute(Template template, Object content, Object shared) {
        StringWriter out = new StringWriter();
        template.execute(content, shared, out);
        return out.toString();
    }

    /** The two alternatives of one email. */
    public record Bodies(String text, String html) {
    }

    /**
     * What every footer says: why the reader gets this email, and their own links.
     *
     * @param digest      {@code daily} or {@code weekly} for a digest, null for a single story
     * @param preferences the subscriber's signed preferences link
     * @param unsubscribe the subscriber's signed unsubscribe link
     */
    public record Footer(String digest, URI preferences, URI unsubscribe) {
    }

    /** The brand as the templates see it; colours already validated, the logo absolute or null. */
    record Brand(String name, String logoUrl, String accent, String text, String background, String postalAddress) {
    }
}
