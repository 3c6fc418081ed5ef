package io.newswire.ingest.source;

import java.time.Duration;
import java.util.Objects;

/**
 * How far {@link FeedFetcher} trusts the network: which addresses it may reach and how much
 * time and memory one fetch may take.
 *
 * @param allowLoopback whether 127.0.0.0/8 and ::1 may be fetched (tests, a local CMS)
 * @param allowPrivate whether 10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7 may be fetched
 *        (a newsroom CMS on the same private network); link-local, multicast and unspecified
 *        addresses are refused regardless, since no feed lives there and cloud metadata does
 * @param maxBodyBytes the largest body accepted, counted both as received and after gzip
 * @param connectTimeout for each TCP connection
 * @param readTimeout for the whole fetch, redirects, headers and body included, so that a server
 *        trickling bytes cannot hold a poller
 * @param maxRedirects redirects followed before giving up
 */
record FetchPolicy(
        boolean allowLoopback,
        boolean allowPrivate,
        long maxBodyBytes,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRedirects) {

    static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    FetchPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and 2 GB: " + maxBodyBytes);
        }
        if (connectTimeout.compareTo(Duration.ZERO) <= 0 || readTimeout.compareTo(Duration.ZERO) <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        }
    }

    /** Public addresses only, 10 MB, 5 s to connect, 20 s in all, 5 redirects. */
    static FetchPolicy defaults() {
        return new FetchPolicy(false, false, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(20), 5);
    }

    FetchPolicy allowingLoopback() {
        return new FetchPolicy(true, allowPrivate, maxBodyBytes, connectTimeout, readTimeout, maxRedirects);
    }

    FetchPolicy withMaxBodyBytes(long bytes) {
        return new FetchPolicy(allowLoopback, allowPrivate, bytes, connectTimeout, readTimeout, maxRedirects);
    }

    FetchPolicy withReadTimeout(Duration timeout) {
        return new FetchPolicy(allowLoopback, allowPrivate, maxBodyBytes, connectTimeout, timeout, maxRedirects);
    }
}
