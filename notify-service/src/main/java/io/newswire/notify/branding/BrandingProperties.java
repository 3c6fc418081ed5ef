package io.newswire.notify.branding;

import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How every email looks: whose it is, its logo and its colours, and the postal address the footer
 * shows. Colours go into inline styles and the logo into an {@code img}, so both are validated
 * here, at start-up, rather than trusted in the templates.
 *
 * @param name             the publisher's name as readers know it, in the header and the footer
 * @param logoUrl          the logo shown in the header instead of the name: an absolute {@code https}
 *                         URL, or a path relative to {@code newswire.subscriptions.public-base-url};
 *                         none shows the name as text
 * @param accentColour     {@code #rrggbb}: the header rule and the digest's dividers
 * @param textColour       {@code #rrggbb}: body text
 * @param backgroundColour {@code #rrggbb}: the page behind the 600-pixel column
 * @param postalAddress    one line, e.g. {@code Newswire Ltd, 1 Fleet Street, London EC4Y 1AA}; bulk
 *                         senders must show a physical address (CAN-SPAM, Gmail and Yahoo's sender
 *                         rules), so a production deployment sets it
 */
@ConfigurationProperties("newswire.branding")
public record BrandingProperties(
        @DefaultValue("Newswire") String name,
        URI logoUrl,
        @DefaultValue("#b3261e") String accentColour,
        @DefaultValue("#1d1b20") String textColour,
        @DefaultValue("#ffffff") String backgroundColour,
        String postalAddress) {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public BrandingProperties {
        Assert.isTrue(name != null && !name.isBlank(), "newswire.branding.name must not be blank");
        if (logoUrl != null) {
            // http would be blocked or warned about by mail clients; a scheme-relative "//host/x" would
            // take whatever scheme the client reads the mail with; anything else (data:, javascript:) is no logo.
            boolean https = "https".equalsIgnoreCase(logoUrl.getScheme()) && logoUrl.getHost() != null;
            boolean relative = logoUrl.getScheme() == null && logoUrl.getRawAuthority() == null
                    && logoUrl.getRawPath() != null && !logoUrl.getRawPath().isEmpty();
            Assert.isTrue(https || relative,
                    "newswire.branding.logo-url must be an https URL or a path relative to the public base URL");
        }
        colour("accent-colour", accentColour);
        colour("text-colour", textColour);
        colour("background-colour", backgroundColour);
        postalAddress = postalAddress == null || postalAddress.isBlank() ? null : postalAddress.strip();
    }

    private static void colour(String property, String value) {
        Assert.isTrue(value != null && COLOUR.matcher(value).matches(),
                "newswire.branding." + property + " must be a colour written #rrggbb");
    }

    /** The logo's absolute URL, a relative one resolved against where readers reach this service; null for none. */
    URI logoUrl(URI publicBaseUrl) {
        if (logoUrl == null || logoUrl.isAbsolute()) {
            return logoUrl;
        }
        return directory(publicBaseUrl).resolve(logoUrl);
    }

    /** The base as a directory, so that a relative path keeps the base's own path (a proxy's prefix). */
    static URI directory(URI base) {
        String path = base.getRawPath();
        return path == null || !path.endsWith("/") ? URI.create(base + "/") : base;
    }
}
