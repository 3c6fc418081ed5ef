package io.newswire.notify.social;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * What every adapter does the same way: an HTTP client with bounded waits, and the reading of the
 * HTTP status codes every platform uses alike (429 with {@code Retry-After}, 401/403, 5xx). An
 * adapter handles its platform's own signals (a duplicate, Telegram's {@code retry_after} in the
 * body) before falling back to this.
 */
public final class PlatformResponses {

    /** Connecting and waiting for an answer are bounded, so a hung platform is a transient failure, not a stuck consumer. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    /**
     * The one HTTP client every platform adapter shares: blocking, on the consumer thread that posts.
     * A post is one request and one answer on a kept-alive connection; the JDK client handed each
     * request and each answer between threads (its selector, an executor for the body, another for the
     * answer), which on 2 cores cost about as much CPU as the rest of the post. Redirects are not
     * followed (an API answers where it is asked), nothing is retried behind the adapter's back (a
     * retried POST could post twice; retries are SocialRetry's, with the ledger's claim), no cookies,
     * no compression negotiated. Connections idle for 2 s are checked before reuse and closed after 30 s.
     */
    private static final CloseableHttpClient HTTP = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                            .setSocketTimeout(Timeout.of(READ_TIMEOUT))
                            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                            .build())
                    // One post per account in flight, on a few consumer threads: these bound nothing in practice.
                    .setMaxConnTotal(256)
                    .setMaxConnPerRoute(64)
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.of(CONNECT_TIMEOUT))
                    .setResponseTimeout(Timeout.of(READ_TIMEOUT))
                    .setRedirectsEnabled(false)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableContentCompression()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .build();

    private PlatformResponses() {
    }

    /** A client for one platform's API, on the shared HTTP client (see {@link #HTTP}). */
    public static RestClient.Builder client(Clock clock) {
        return RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(HTTP));
    }

    /**
     * The failure an HTTP status means on any platform.
     *
     * @param what names the call, e.g. {@code "POST /2/tweets"}; never a token or a credential
     */
    public static SocialFailure failure(int status, HttpHeaders headers, String what, Clock clock) {
        String message = what + " answered " + status;
        if (status == 429) {
            return SocialFailure.rateLimited(message, retryAfter(headers, clock));
        }
        if (status == 401 || status == 403) {
            return new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, message);
        }
        if (status >= 500 || status == 408) {
            return new SocialFailure(SocialFailure.Kind.TRANSIENT, message);
        }
        return new SocialFailure(SocialFailure.Kind.REJECTED, message);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3); {@code null} when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Clock clock) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
