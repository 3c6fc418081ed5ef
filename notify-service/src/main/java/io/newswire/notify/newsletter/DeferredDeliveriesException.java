package io.newswire.notify.newsletter;

/**
 * Some subscribers' mail systems asked to try later. Thrown after the whole slice has been
 * walked, so that the work record is retried (with the error handler's growing waits) for those
 * subscribers only: the ledger skips the ones already done.
 */
class DeferredDeliveriesException extends RuntimeException {

    DeferredDeliveriesException(FanOutWork work, int deferred) {
        super("Story " + work.storyId() + ", slice " + work.slice() + " of " + work.slices() + ": " + deferred
                + " deliveries deferred by the recipients' mail systems");
    }
}
