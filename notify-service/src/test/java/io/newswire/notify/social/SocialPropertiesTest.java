package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswire.events.Article;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Accounts as an operator configures them: from the environment, with defaults, validated, secrets kept out of sight. */
class SocialPropertiesTest {

    @Test
    void credentialsComeFromTheEnvironmentAndNeverShowInToString() {
        SocialProperties properties = bind(Map.of(), Map.of(
                "NEWSWIRE_SOCIAL_ACCOUNTS_0_ID", "x-main",
                "NEWSWIRE_SOCIAL_ACCOUNTS_0_NETWORK", "X",
                "NEWSWIRE_SOCIAL_ACCOUNTS_0_CREDENTIALS_ACCESS_TOKEN", "very-secret-token"));

        SocialProperties.Account account = properties.accounts().get(0);
        assertThat(account.credentials()).containsEntry("access-token", "very-secret-token");
        assertThat(account.apiBase()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(account.enabled()).isTrue();
        assertThat(account.rateLimit()).isEqualTo(new SocialProperties.RateLimit(30, 5));
        assertThat(account.toString()).doesNotContain("very-secret-token").contains("access-token");
        assertThat(properties.toString()).doesNotContain("very-secret-token");
        assertThat(account.toSocialAccount().toString()).doesNotContain("very-secret-token");
    }

    @Test
    void accountIdsAreUniqueAndMastodonNeedsItsInstance() {
        assertThatThrownBy(() -> bind(Map.of(
                "newswire.social.accounts[0].id", "a", "newswire.social.accounts[0].network", "X",
                "newswire.social.accounts[1].id", "a", "newswire.social.accounts[1].network", "TELEGRAM"), Map.of()))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("'a' is used twice");
        assertThatThrownBy(() -> bind(Map.of(
                "newswire.social.accounts[0].id", "m", "newswire.social.accounts[0].network", "MASTODON"), Map.of()))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("api-base is required for MASTODON");
        assertThatThrownBy(() -> bind(Map.of(
                "newswire.social.accounts[0].id", "f", "newswire.social.accounts[0].network", "FAX"), Map.of()))
                .isInstanceOf(BindException.class);
    }

    @Test
    void filtersMatchCategoriesTagsAndLanguagesWhateverTheirCase() {
        SocialProperties.Filters filters = new SocialProperties.Filters(List.of("Politics"), List.of("Budget"), List.of("en"));

        assertThat(filters.matches(article(List.of("POLITICS"), List.of("budget"), "en-GB"))).isTrue();
        assertThat(filters.matches(article(List.of("politics"), List.of("budget"), "kk"))).isFalse();
        assertThat(filters.matches(article(List.of("sport"), List.of("budget"), "en"))).isFalse();
        assertThat(filters.matches(article(List.of("politics"), List.of(), "en"))).isFalse();
        assertThat(new SocialProperties.Filters(List.of(), List.of(), List.of()).matches(article(List.of(), List.of(), null))).isTrue();
    }

    @Test
    void photoNetworksTakeOnlyStoriesWithAnHttpsLeadImage() {
        SocialProperties properties = bind(Map.of(
                "newswire.social.accounts[0].id", "insta", "newswire.social.accounts[0].network", "INSTAGRAM",
                "newswire.social.accounts[1].id", "tiktok", "newswire.social.accounts[1].network", "TIKTOK",
                "newswire.social.accounts[2].id", "telegram", "newswire.social.accounts[2].network", "TELEGRAM"), Map.of());
        Article withoutImage = article(List.of(), List.of(), "en");
        Article withPhoto = withImage("https://cdn.example/photo.jpg");
        Article withPlainHttpPhoto = withImage("http://cdn.example/photo.jpg");

        assertThat(properties.accounts()).extracting(account -> account.takes(withoutImage)).containsExactly(false, false, true);
        assertThat(properties.accounts()).extracting(account -> account.takes(withPhoto)).containsExactly(true, true, true);
        assertThat(properties.accounts()).extracting(account -> account.takes(withPlainHttpPhoto)).containsExactly(false, false, true);
    }

    @Test
    void aPollTakesNoMorePostsThanTheSlowestRateLimitedAccountPostsInTwoMinutes() {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                "newswire.social.accounts[0].id", "fast", "newswire.social.accounts[0].network", "TELEGRAM",
                "newswire.social.accounts[0].rate-limit.posts-per-minute", "0"));
        assertThat(bind(config, Map.of()).recordsPerPoll()).as("no limit: the setting's default").isEqualTo(20);

        config.putAll(Map.of("newswire.social.accounts[1].id", "default-limit", "newswire.social.accounts[1].network", "X"));
        assertThat(bind(config, Map.of()).recordsPerPoll()).as("30 a minute").isEqualTo(20);

        config.putAll(Map.of("newswire.social.accounts[2].id", "slow", "newswire.social.accounts[2].network", "X",
                "newswire.social.accounts[2].rate-limit.posts-per-minute", "1"));
        assertThat(bind(config, Map.of()).recordsPerPoll()).as("one a minute: 2 minutes of waits").isEqualTo(2);

        config.put("newswire.social.accounts[2].rate-limit.posts-per-minute", "0.05");
        assertThat(bind(config, Map.of()).recordsPerPoll()).as("at least one").isEqualTo(1);

        config.put("newswire.social.accounts[2].enabled", "false");
        config.put("newswire.social.work.max-poll-records", "3");
        assertThat(bind(config, Map.of()).recordsPerPoll()).as("a disabled account posts nothing; the setting caps").isEqualTo(3);
    }

    private static Article withImage(String url) {
        return new Article("a", 1, URI.create("https://example.com/a"), "T", "", "", List.of(), List.of(), List.of(), "en",
                null, null, new Article.LeadImage(URI.create(url), "A photo", "image/jpeg", 1200, 800));
    }

    private static Article article(List<String> categories, List<String> tags, String language) {
        return new Article("a", 1, URI.create("https://example.com/a"), "T", "", "", List.of(), categories, tags, language,
                null, null, null);
    }

    @SuppressWarnings("unchecked")
    private static SocialProperties bind(Map<String, Object> config, Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("config", config));
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bindOrCreate("newswire.social", SocialProperties.class);
    }
}
