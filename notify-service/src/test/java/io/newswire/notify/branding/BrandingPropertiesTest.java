package io.newswire.notify.branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BrandingPropertiesTest {

    @Test
    void logoMustBeHttpsOrRelativeToTheService() {
        assertThat(logo("https://cdn.example/logo.png").logoUrl()).hasToString("https://cdn.example/logo.png");
        assertThat(logo("/static/logo.png").logoUrl()).hasToString("/static/logo.png");

        assertThatIllegalArgumentException().isThrownBy(() -> logo("http://cdn.example/logo.png"))
                .withMessageContaining("newswire.branding.logo-url");
        assertThatIllegalArgumentException().isThrownBy(() -> logo("//cdn.example/logo.png"));
        assertThatIllegalArgumentException().isThrownBy(() -> logo("javascript:alert(1)"));
        assertThatIllegalArgumentException().isThrownBy(() -> logo("data:image/png;base64,AAAA"));
    }

    @Test
    void relativeLogoKeepsThePathOfThePublicBaseUrl() {
        assertThat(logo("static/logo.png").logoUrl(URI.create("https://news.example"))).hasToString("https://news.example/static/logo.png");
        assertThat(logo("static/logo.png").logoUrl(URI.create("https://news.example/notify")))
                .hasToString("https://news.example/notify/static/logo.png");
        assertThat(logo("/logo.png").logoUrl(URI.create("https://news.example/notify/"))).hasToString("https://news.example/logo.png");
    }

    @Test
    void coloursMustBeHexTriplets() {
        assertThatIllegalArgumentException().isThrownBy(() -> colours("red"))
                .withMessageContaining("newswire.branding.accent-colour");
        assertThatIllegalArgumentException().isThrownBy(() -> colours("#fff"));
        // A colour ends up inside a style attribute: nothing may break out of it.
        assertThatIllegalArgumentException().isThrownBy(() -> colours("#b3261e;background:url(x)"));
        assertThat(colours("#B3261E").accentColour()).isEqualTo("#B3261E");
    }

    @Test
    void blankPostalAddressIsNone() {
        assertThat(new BrandingProperties("Newswire", null, "#b3261e", "#1d1b20", "#ffffff", "  ").postalAddress()).isNull();
    }

    private static BrandingProperties logo(String url) {
        return new BrandingProperties("Newswire", URI.create(url), "#b3261e", "#1d1b20", "#ffffff", null);
    }

    private static BrandingProperties colours(String accent) {
        return new BrandingProperties("Newswire", null, accent, "#1d1b20", "#ffffff", null);
    }
}
