package io.newswire.notify.subscription;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets signups nobody confirmed: an address typed in by someone who never opened the email
 * (or by a stranger) is not kept once its confirmation link can no longer work.
 */
class ExpiredSignupSweep {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSignupSweep.class);

    private final Subscribers subscribers;
    private final Duration confirmationLifetime;

    ExpiredSignupSweep(Subscribers subscribers, Duration confirmationLifetime) {
        this.subscribers = subscribers;
        this.confirmationLifetime = confirmationLifetime;
    }

    /** Deletes the expired signups; returns how many. */
    int sweep() {
        int deleted = subscribers.deleteExpiredSignups(confirmationLifetime);
        if (deleted > 0) {
            log.info("Deleted {} signup(s) not confirmed within {}", deleted, confirmationLifetime);
        }
        return deleted;
    }
}
