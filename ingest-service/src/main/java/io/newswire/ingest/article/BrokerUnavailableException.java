package io.newswire.ingest.article;

/** The broker did not acknowledge an event in time; the client may retry the same request later. */
class BrokerUnavailableException extends RuntimeException {

    BrokerUnavailableException(Throwable cause) {
        super("The event broker did not acknowledge the article in time", cause);
    }
}
