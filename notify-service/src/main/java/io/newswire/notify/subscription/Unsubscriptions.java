package io.newswire.notify.subscription;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Leaving the newsletter: the subscriber row says so, and nothing more is sent to it. */
class Unsubscriptions {

    private final JdbcClient jdbc;

    Unsubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True if the subscriber exists (whether or not it had already left). */
    boolean unsubscribe(UUID subscriber) {
        int changed = jdbc.sql("UPDATE subscriber SET status = 'unsubscribed' WHERE id = ? AND status <> 'bounced'")
                .param(subscriber).update();
        return changed > 0 || jdbc.sql("SELECT count(*) FROM subscriber WHERE id = ?").param(subscriber)
                .query(Long.class).single() > 0;
    }
}
