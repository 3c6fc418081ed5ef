package io.newswire.feed.article;

/**
 * A record that breaks the event contract in a way no retry can mend, so the error handler sends
 * it straight to the dead-letter topic.
 */
class InvalidArticleException extends RuntimeException {

    InvalidArticleException(String message) {
        super(message);
    }
}
