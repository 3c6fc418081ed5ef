package io.newswire.notify.newsletter;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads confirmed subscribers one page at a time, in id order (keyset pagination: each page starts
 * after the last id of the previous one, so a page costs the same however deep the walk is, and a
 * subscriber added or removed meanwhile shifts nothing).
 */
class ConfirmedSubscribers {

    private final JdbcClient jdbc;

    ConfirmedSubscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first {@code limit} confirmed subscribers with an id greater than {@code after}, or from the start when it is null. */
    List<Subscriber> pageAfter(UUID after, int limit) {
        if (after == null) {
            return jdbc.sql("""
                    SELECT id, email FROM subscriber
                    WHERE status = 'confirmed'
                    ORDER BY id LIMIT :limit""")
                    .param("limit", limit)
                    .query(Subscriber.class)
                    .list();
        }
        return jdbc.sql("""
                SELECT id, email FROM subscriber
                WHERE status = 'confirmed' AND id > :after
                ORDER BY id LIMIT :limit""")
                .param("after", after)
                .param("limit", limit)
                .query(Subscriber.class)
                .list();
    }
}
