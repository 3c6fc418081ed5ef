package io.newswire.notify.branding;

import com.samskivert.mustache.Mustache;
import java.net.URI;
import org.springframework.boot.mustache.autoconfigure.MustacheResourceTemplateLoader;

/** The email templates as the service compiles them, for unit tests of the emails (no Spring context). */
public final class EmailTemplatesFixture {

    public static final URI PUBLIC_BASE_URL = URI.create("https://news.example");

    private EmailTemplatesFixture() {
    }

    /** The default brand: Newswire, no logo, no postal address. */
    public static EmailTemplates templates() {
        return templates(new BrandingProperties("Newswire", null, "#b3261e", "#1d1b20", "#ffffff", null));
    }

    public static EmailTemplates templates(BrandingProperties branding) {
        // What Boot's MustacheAutoConfiguration builds from its default prefix and suffix.
        Mustache.Compiler compiler = Mustache.compiler()
                .withLoader(new MustacheResourceTemplateLoader("classpath:/templates/", ".mustache"));
        return new EmailTemplates(compiler, branding, PUBLIC_BASE_URL);
    }
}
