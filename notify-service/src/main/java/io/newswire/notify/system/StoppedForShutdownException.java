package io.newswire.notify.system;

/**
 * A listener stopped half-way through a record because this instance is shutting down. The
 * record must be done again after the restart, so it is never dead-lettered: the error handler
 * retries it without limit, and the containers, stopping right after, end those retries.
 */
public class StoppedForShutdownException extends RuntimeException {

    public StoppedForShutdownException(String message) {
        super(message);
    }
}
