package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswire.notify.social.PlatformStandIn.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class XChannelTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final String NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";

    final PlatformStandIn x = new PlatformStandIn();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final XChannel channel = new XChannel(clock, () -> NONCE);
    final SocialAccount account = new SocialAccount("x-main", Network.X, x.base(),
            Map.of("api-key", "consumer-key-1", "api-secret", "consumer-secret-1", "access-token", "123-user-token",
                    "access-token-secret", "user-token-secret-1"),
            Map.of("handle", "newswire"));
    final SocialPost post = new SocialPost("story-1", "Floods close the M4 – live updates https://news.example/s/1",
            URI.create("https://news.example/s/1"), "Floods close the M4", "", null, List.of(), "en", "story-1:x-main");

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void signsLikeTheExampleInXsCreatingASignatureGuide() {
        // The worked example of https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature;
        // its published signature was computed when the API's host was still api.twitter.com.
        List<String[]> parameters = List.of(
                new String[] {"status", "Hello Ladies + Gentlemen, a signed OAuth request!"},
                new String[] {"include_entities", "true"},
                new String[] {"oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"},
                new String[] {"oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"},
                new String[] {"oauth_signature_method", "HMAC-SHA1"},
                new String[] {"oauth_timestamp", "1318622958"},
                new String[] {"oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"},
                new String[] {"oauth_version", "1.0"});
        String signature = OAuth1Signer.signature("POST", "https://api.twitter.com/1.1/statuses/update.json", parameters,
                "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

        assertThat(signature).isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
    }

    @Test
    void postsTheTextAsJsonSignedAsTheUserAndLinksToThePost() throws Exception {
        x.then(Response.json(201, """
                {"data":{"id":"1445880548472328192","text":"Floods close the M4 – live updates https://t.co/abc"}}"""));

        PublishedPost published = channel.publish(account, post);

        assertThat(published.id()).isEqualTo("1445880548472328192");
        assertThat(published.url()).isEqualTo(URI.create("https://x.com/newswire/status/1445880548472328192"));
        PlatformStandIn.Request request = x.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2/tweets");
        assertThat(request.query()).isNull();
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JsonMapper.builder().build().readTree(request.body());
        assertThat(body.propertyNames()).containsExactly("text");
        assertThat(body.path("text").asString()).isEqualTo(post.text());

        Map<String, String> oauth = oauthParameters(request.header("Authorization"));
        assertThat(oauth).containsOnlyKeys("oauth_consumer_key", "oauth_nonce", "oauth_signature",
                "oauth_signature_method", "oauth_timestamp", "oauth_token", "oauth_version");
        assertThat(oauth).containsEntry("oauth_consumer_key", "consumer-key-1")
                .containsEntry("oauth_token", "123-user-token")
                .containsEntry("oauth_signature_method", "HMAC-SHA1")
                .containsEntry("oauth_timestamp", Long.toString(NOW.getEpochSecond()))
                .containsEntry("oauth_nonce", NONCE)
                .containsEntry("oauth_version", "1.0");
        // Recomputed here from RFC 5849 §3.4 by hand: the JSON body is not part of the base string.
        assertThat(oauth.get("oauth_signature"))
                .isEqualTo(expectedSignature("POST", x.base() + "/2/tweets", oauth, "consumer-secret-1", "user-token-secret-1"));
        assertThat(request.header("Authorization")).doesNotContain("consumer-secret-1", "user-token-secret-1");
    }

    @Test
    void withoutAHandleThePostUrlIsXsGenericOne() {
        x.then(Response.json(201, "{\"data\":{\"id\":\"42\",\"text\":\"t\"}}"));
        SocialAccount noHandle = new SocialAccount("x-2", Network.X, x.base(), account.credentials(), Map.of());

        assertThat(channel.publish(noHandle, post).url()).isEqualTo(URI.create("https://x.com/i/web/status/42"));
    }

    @Test
    void tooManyRequestsWaitsUntilTheRateLimitWindowResets() {
        x.then(Response.json(429, """
                {"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""")
                .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() + 540)));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(540));
        });
    }

    @Test
    void theDailyCapReachedWaitsForItsResetNotTheFifteenMinuteOne() {
        x.then(Response.json(429, """
                {"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""")
                .withHeader("x-rate-limit-remaining", "99")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() + 600))
                .withHeader("x-user-limit-24hour-limit", "17").withHeader("x-user-limit-24hour-remaining", "0")
                .withHeader("x-user-limit-24hour-reset", Long.toString(NOW.getEpochSecond() + 7200)));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(2)));
    }

    @Test
    void retryAfterWinsWhenXSendsIt() {
        x.then(Response.json(429, "{\"title\":\"Too Many Requests\",\"status\":429}").withHeader("Retry-After", "30")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() + 900)));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void theSameTextTwiceIsADuplicateNotAnAuthorizationProblem() {
        x.then(Response.json(403, """
                {"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.DUPLICATE);
            assertThat(failure.getMessage()).contains("duplicate content");
        });
    }

    @Test
    void anotherForbiddenIsAnAuthorizationProblem() {
        x.then(Response.json(403, """
                {"title":"Unsupported Authentication","detail":"Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].","type":"https://api.twitter.com/2/problems/unsupported-authentication","status":403}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED));
    }

    @Test
    void unauthorizedSaysSoWithoutAnySecret() {
        x.then(Response.json(401, """
                {"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).contains("401")
                    .doesNotContain("consumer-key-1", "consumer-secret-1", "123-user-token", "user-token-secret-1");
        });
    }

    @Test
    void serverErrorIsTransient() {
        x.then(Response.json(503, "{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\",\"status\":503}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void anUnreachableApiIsTransient() {
        URI closed = x.base();
        x.close();
        SocialAccount gone = new SocialAccount("x-main", Network.X, closed, account.credentials(), account.settings());

        assertThatThrownBy(() -> channel.publish(gone, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT);
            assertThat(failure.getMessage()).doesNotContain("user-token-secret-1", "123-user-token");
        });
    }

    @Test
    void aRetractionDeletesThePostSigned() throws Exception {
        x.then(Response.json(200, "{\"data\":{\"deleted\":true}}"));

        assertThat(channel.canDelete()).isTrue();
        assertThat(channel.canEdit()).isFalse();
        channel.delete(account, new PublishedPost("1445880548472328192", null));

        PlatformStandIn.Request request = x.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/2/tweets/1445880548472328192");
        Map<String, String> oauth = oauthParameters(request.header("Authorization"));
        assertThat(oauth.get("oauth_signature")).isEqualTo(expectedSignature("DELETE",
                x.base() + "/2/tweets/1445880548472328192", oauth, "consumer-secret-1", "user-token-secret-1"));
    }

    @Test
    void aPostAlreadyGoneCountsAsDeleted() {
        x.then(Response.json(404, "{\"title\":\"Not Found Error\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\",\"status\":404}"));

        channel.delete(account, new PublishedPost("1", null));
    }

    /** Parses {@code OAuth k="v", ...}, percent-decoding each value. */
    static Map<String, String> oauthParameters(String header) {
        assertThat(header).startsWith("OAuth ");
        Map<String, String> parameters = new TreeMap<>();
        for (String part : header.substring("OAuth ".length()).split(", ")) {
            int eq = part.indexOf('=');
            String value = part.substring(eq + 1);
            assertThat(value).startsWith("\"").endsWith("\"");
            parameters.put(part.substring(0, eq),
                    URLDecoder.decode(value.substring(1, value.length() - 1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** An independent HMAC-SHA1 over method, URL and the oauth_* parameters but the signature. */
    static String expectedSignature(String method, String url, Map<String, String> oauth, String consumerSecret,
            String tokenSecret) throws Exception {
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(oauth).forEach((name, value) -> {
            if (!name.equals("oauth_signature")) {
                pairs.add(rfc3986(name) + "=" + rfc3986(value));
            }
        });
        String base = method + "&" + rfc3986(url) + "&" + rfc3986(String.join("&", pairs));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((rfc3986(consumerSecret) + "&" + rfc3986(tokenSecret)).getBytes(StandardCharsets.UTF_8),
                "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    }

    static String rfc3986(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
