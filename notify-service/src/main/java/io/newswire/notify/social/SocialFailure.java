package io.newswire.notify.social;

import java.time.Duration;

/**
 * A platform did not take a post, and why, in the terms the dispatcher decides on. Adapters only
 * classify; what happens next (wait, retry, pause the account, dead-letter) is the dispatcher's.
 * The message never holds a credential or a token, and is what the status API shows.
 */
public class SocialFailure extends RuntimeException {

    /** Why the platform refused. */
    public enum Kind {
        /** 429 or the platform's own flood control: wait {@link #retryAfter()} (when known), then try again. */
        RATE_LIMITED,
        /** 401/403: the credentials are wrong, expired or lack a permission; the account needs attention. */
        UNAUTHORIZED,
        /** 5xx, a timeout or a lost connection: try again with growing back-off. */
        TRANSIENT,
        /** Any other refusal (400, 404, 422 ...): the same request would be refused again. */
        REJECTED,
        /** The platform says this post already exists; {@link #existing()} names it when the platform says which. */
        DUPLICATE
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final PublishedPost existing;

    public SocialFailure(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public SocialFailure(Kind kind, String message, Duration retryAfter, PublishedPost existing, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.existing = existing;
    }

    public static SocialFailure rateLimited(String message, Duration retryAfter) {
        return new SocialFailure(Kind.RATE_LIMITED, message, retryAfter, null, null);
    }

    public static SocialFailure duplicate(String message, PublishedPost existing) {
        return new SocialFailure(Kind.DUPLICATE, message, null, existing, null);
    }

    public Kind kind() {
        return kind;
    }

    /** How long the platform asked to wait, or {@code null} when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The post that already exists, for {@link Kind#DUPLICATE}, or {@code null}. */
    public PublishedPost existing() {
        return existing;
    }
}
