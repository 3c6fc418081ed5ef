package io.newswire.ingest.source;

import java.time.Duration;

/** A fetch that produced no feed, with the kind of failure a poller reports and backs off on. */
class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** The URL's scheme is not http(s), or its host resolves to an address the policy refuses. */
        REFUSED_ADDRESS,
        /** The body, as received or once decompressed, is larger than the policy allows. */
        TOO_LARGE,
        /** Connecting, or the whole exchange, took longer than the policy allows. */
        TIMEOUT,
        TOO_MANY_REDIRECTS,
        /** The server answered with an error status; see {@link #status()} and {@link #retryAfter()}. */
        HTTP_ERROR,
        /** Anything else on the way: unknown host, reset connection, corrupt gzip. */
        IO
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    FetchException(Kind kind, String message) {
        this(kind, message, null);
    }

    FetchException(Kind kind, String message, Throwable cause) {
        this(kind, 0, null, message, cause);
    }

    private FetchException(Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static FetchException httpError(int status, Duration retryAfter, String url) {
        return new FetchException(Kind.HTTP_ERROR, status, retryAfter, "HTTP " + status + " from " + url, null);
    }

    Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP_ERROR}, else 0. */
    int status() {
        return status;
    }

    /** The server's Retry-After (usually with 429 or 503) as a delay from now, or {@code null}. */
    Duration retryAfter() {
        return retryAfter;
    }
}
