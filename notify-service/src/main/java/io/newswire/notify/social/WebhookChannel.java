package io.newswire.notify.social;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic webhook, for anything without an adapter of its own: each story is POSTed as JSON
 * {@code {storyId, title, summary, url, text, image, hashtags, language}} to the account's URL,
 * signed so the receiver can tell it came from us and is fresh:
 * <ul>
 * <li>{@code X-Newswire-Timestamp}: seconds since the epoch;</li>
 * <li>{@code X-Newswire-Signature}: {@code sha256=} and the hex HMAC-SHA256, keyed with the secret,
 *     of {@code timestamp + "." + body} (the body's exact bytes);</li>
 * <li>{@code Idempotency-Key}: the same on every attempt of one story on one account, so a receiver
 *     that keeps the keys it has seen turns a retry after a lost answer into a no-op.</li>
 * </ul>
 * A 2xx answer means posted: the id is the answer's JSON {@code id} if it has one (and {@code url}
 * its URL), else the idempotency key. A new title is {@code PUT <url>/<id>} with the whole post
 * again; a retraction is {@code DELETE <url>/<id>} over an empty body, both signed the same way
 * (404 on a delete counts as already gone). Other answers are read as every platform's
 * ({@link PlatformResponses#failure}): 429 with {@code Retry-After}, 401/403, 5xx.
 *
 * <p>Credentials: {@code secret} (the HMAC key), and optionally {@code url} when the URL itself is
 * a secret. Settings: {@code url}. Without either the account's {@code api-base} is the URL. The URL
 * never appears in a failure message.
 */
@Component
class WebhookChannel implements SocialChannel {

    static final String SIGNATURE = "X-Newswire-Signature";
    static final String TIMESTAMP = "X-Newswire-Timestamp";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Clock clock;
    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookChannel(Clock clock) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
    }

    @Override
    public Network network() {
        return Network.WEBHOOK;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        byte[] bytes = body(post);
        return call(account, HttpMethod.POST, url(account), bytes, post.idempotencyKey(), "POST webhook", (status, headers, answer) -> {
            if (status >= 200 && status < 300) {
                JsonNode node = parse(answer);
                String id = text(node, "id");
                String url = text(node, "url");
                return new PublishedPost(id != null ? id : post.idempotencyKey(), url == null ? null : URI.create(url));
            }
            throw PlatformResponses.failure(status, headers, "POST webhook", clock);
        });
    }

    @Override
    public boolean canEdit() {
        return true;
    }

    /** {@code PUT <url>/<id>} with the whole post again (PUT is idempotent: no key needed). */
    @Override
    public PublishedPost edit(SocialAccount account, PublishedPost published, SocialPost post) {
        return call(account, HttpMethod.PUT, postUrl(account, published), body(post), null, "PUT webhook post",
                (status, headers, answer) -> {
                    if (status >= 200 && status < 300) {
                        String url = text(parse(answer), "url");
                        return new PublishedPost(published.id(), url == null ? published.url() : URI.create(url));
                    }
                    throw PlatformResponses.failure(status, headers, "PUT webhook post", clock);
                });
    }

    private byte[] body(SocialPost post) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("storyId", post.storyId());
        body.put("title", post.title());
        body.put("summary", post.summary());
        body.put("url", post.link() == null ? null : post.link().toString());
        body.put("text", post.text());
        body.put("image", post.image() == null ? null : post.image().url().toString());
        body.put("hashtags", post.hashtags());
        body.put("language", post.language());
        return json.writeValueAsBytes(body);
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        call(account, HttpMethod.DELETE, postUrl(account, published), new byte[0], null, "DELETE webhook post", (status, headers, answer) -> {
            if ((status >= 200 && status < 300) || status == 404 || status == 410) {
                return null;
            }
            throw PlatformResponses.failure(status, headers, "DELETE webhook post", clock);
        });
    }

    private static URI postUrl(SocialAccount account, PublishedPost published) {
        String base = url(account).toString();
        return URI.create((base.endsWith("/") ? base : base + "/")
                + java.net.URLEncoder.encode(published.id(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The HMAC the receiver recomputes: hex HMAC-SHA256 of {@code timestamp.body}. */
    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
        }
    }

    private interface Answer<T> {
        T read(int status, HttpHeaders headers, byte[] body);
    }

    private <T> T call(SocialAccount account, HttpMethod method, URI url, byte[] body, String idempotencyKey, String what,
            Answer<T> answer) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = signature(account.credential("secret"), timestamp, body);
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(url)
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, signature);
            if (idempotencyKey != null) {
                request.header(IDEMPOTENCY_KEY, idempotencyKey);
            }
            if (body.length > 0) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((req, res) -> answer.read(res.getStatusCode().value(), res.getHeaders(),
                    res.getBody().readAllBytes()), true);
        }
        catch (ResourceAccessException ex) {
            // The exception's message names the URL, which may hold a token: not passed on.
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " could not be reached (" + rootCause(ex) + ")");
        }
    }

    private static String rootCause(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private static URI url(SocialAccount account) {
        String url = account.credentials().get("url");
        if (url == null || url.isBlank()) {
            url = account.settings().get("url");
        }
        if (url == null || url.isBlank()) {
            if (account.apiBase() == null) {
                throw new SocialFailure(SocialFailure.Kind.REJECTED, "Account " + account.id() + " has no webhook url");
            }
            return account.apiBase();
        }
        return URI.create(url.strip());
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        }
        catch (JacksonException ex) {
            // Any 2xx is a delivery; a body that is not JSON just names no id.
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
