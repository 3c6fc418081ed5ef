package io.newswire.ingest.source;

/**
 * The body could not be read as a feed. Checked, because a poller must record it against the
 * source (and back off) rather than let it escape.
 */
class FeedParseException extends Exception {

    private static final long serialVersionUID = 1L;

    FeedParseException(String message) {
        super(message);
    }

    FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
