package io.newswire.notify.social;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
     * The threads every platform client shares: the HTTP client's own work, and the writing of each
     * request body (Spring's JDK request factory hands every body to an executor; without one it
     * starts a new thread per request, which was a thread start per post). Cached: a thread is
     * reused while calls keep coming and never bounds how many calls are in flight.
     */
    private static final ExecutorService IO = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "social-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private PlatformResponses() {
    }

    /** A client for one platform's API; redirects are not followed (an API answers where it is asked). */
    public static RestClient.Builder client(Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(IO)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http, IO);
        requests.setReadTimeout(READ_TIMEOUT);
        return RestClient.builder().requestFactory(requests);
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
