package io.newswire.notify.newsletter;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the subscribers a story goes to, one page at a time, in id order within one slice of the
 * id space (keyset pagination: each page starts after the last id of the previous one, so a page
 * costs the same however deep the walk is, and a subscriber added or removed meanwhile shifts
 * nothing). Served by the index on {@code (frequency, id) WHERE status = 'confirmed'}.
 */
class ConfirmedSubscribers {

    // Confirmed, mailed story by story, and interested: no topics means every story, otherwise at
    // least one topic among the story's categories (both lower-cased). Whoever already has the
    // story, or bounced it, is left out, so a retry or a restart only reads what is left; the
    // ledger's claim still decides.
    private static final String STORY_AUDIENCE = """
            SELECT s.id, s.email FROM subscriber s
            WHERE s.status = 'confirmed' AND s.frequency = 'each'
              AND (cardinality(s.topics) = 0 OR s.topics && (SELECT categories FROM story WHERE id = :story))
              AND NOT EXISTS (SELECT 1 FROM newsletter_delivery d
                              WHERE d.subscriber_id = s.id AND d.article_id = :story AND d.status IN ('sent', 'bounced'))
            """;

    private final JdbcClient jdbc;

    ConfirmedSubscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The first {@code limit} subscribers of the work's slice who get its story on its own, with
     * an id greater than {@code after}, or from the start of the slice when it is null.
     */
    List<Subscriber> storyAudience(FanOutWork work, UUID after, int limit) {
        String sql = STORY_AUDIENCE
                + (after == null ? "  AND s.id >= :from\n" : "  AND s.id > :after\n")
                + (work.to() == null ? "" : "  AND s.id < :to\n")
                + "ORDER BY s.id LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql)
                .param("story", work.storyId())
                .param("limit", limit);
        statement = after == null ? statement.param("from", work.from()) : statement.param("after", after);
        if (work.to() != null) {
            statement = statement.param("to", work.to());
        }
        return statement.query(Subscriber.class).list();
    }
}
