package io.newswire.notify.newsletter;

/**
 * Some subscribers' mail systems asked to try later. Thrown after everyone else has been mailed,
 * so that the record is retried (with the error handler's growing waits) for those subscribers
 * only: the ledger skips the ones already done.
 */
class DeferredDeliveriesException extends RuntimeException {

    DeferredDeliveriesException(String articleId, int deferred) {
        super("Article " + articleId + ": " + deferred + " deliveries deferred by the recipients' mail systems");
    }
}
