package io.newswire.notify.branding;

import com.samskivert.mustache.Mustache;
import java.net.URI;
import org.springframework.web.util.HtmlUtils;

/**
 * The branded email templates ({@code classpath:/templates/email/}): each email is one pair,
 * {@code NAME.html.mustache} and {@code NAME.txt.mustache}, sharing the header and footer partials,
 * so the HTML and the plain-text alternative cannot drift apart. Compile a pair once and keep it.
 */
public class EmailTemplates {

    private final Mustache.Compiler html;
    private final Mustache.Compiler text;
    private final Mustache.Escaper htmlEscaper = raw -> HtmlUtils.htmlEscape(raw, "UTF-8");
    private final EmailTemplate.Brand brand;

    /**
     * @param compiler      Boot's compiler (it loads {@code classpath:/templates/*.mustache})
     * @param publicBaseUrl where readers reach this service; a relative logo URL is resolved against it
     */
    public EmailTemplates(Mustache.Compiler compiler, BrandingProperties branding, URI publicBaseUrl) {
        // jmustache's own escaper also turns '=' into an entity, which makes every link with a query
        // unreadable in the source of the mail; markup characters are all that must be escaped.
        this.html = compiler.withEscaper(htmlEscaper);
        this.text = compiler.escapeHTML(false);
        URI logo = branding.logoUrl(publicBaseUrl);
        this.brand = new EmailTemplate.Brand(branding.name(), logo == null ? null : logo.toString(),
                branding.accentColour(), branding.textColour(), branding.backgroundColour(), branding.postalAddress());
    }

    /** Compiles {@code email/NAME.txt} and {@code email/NAME.html}; fails at once on a missing or broken template. */
    public EmailTemplate compile(String name) {
        return new EmailTemplate(text.loadTemplate("email/" + name + ".txt"), html.loadTemplate("email/" + name + ".html"),
                brand, htmlEscaper::escape);
    }
}
