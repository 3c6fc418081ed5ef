package io.newswire.notify.digest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows as the rest of notify-service writes them: stories from article events, subscribers from sign-ups. */
final class DigestRows {

    private final JdbcClient jdbc;

    DigestRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every subscriber, story and digest gone (deliveries go with their subscribers). */
    void clear() {
        jdbc.sql("DELETE FROM digest_delivery").update();
        jdbc.sql("DELETE FROM digest_run").update();
        jdbc.sql("DELETE FROM story").update();
        jdbc.sql("DELETE FROM subscriber").update();
    }

    UUID subscriber(String status, String frequency, String... topics) {
        String email = ("reader-" + UUID.randomUUID() + "@example.test").toLowerCase();
        return jdbc.sql("""
                INSERT INTO subscriber (email, status, frequency, topics, confirmed_at)
                VALUES (:email, :status, :frequency, :topics, now()) RETURNING id""")
                .param("email", email)
                .param("status", status)
                .param("frequency", frequency)
                .param("topics", topics)
                .query(UUID.class)
                .single();
    }

    String email(UUID subscriber) {
        return jdbc.sql("SELECT email FROM subscriber WHERE id = :id").param("id", subscriber).query(String.class).single();
    }

    String status(UUID subscriber) {
        return jdbc.sql("SELECT status FROM subscriber WHERE id = :id").param("id", subscriber).query(String.class).single();
    }

    /** A published story; its snapshot is the event's JSON, with a field this service does not know. */
    String story(String title, String category, Instant publishedAt) {
        String id = UUID.randomUUID().toString();
        String snapshot = """
                {"id":"%s","version":1,"url":"https://example.com/news/%s","title":"%s","summary":"About %s",
                 "contentHtml":"<p>x</p>","authors":[{"name":"Aliya","url":null}],"categories":["%s"],"tags":[],
                 "language":"en","publishedAt":"%s","updatedAt":"%s","leadImage":null,"breaking":false}"""
                .formatted(id, id, title, title, category, publishedAt, publishedAt);
        jdbc.sql("""
                INSERT INTO story (id, version, snapshot, categories, published_at)
                VALUES (:id, 1, CAST(:snapshot AS jsonb), :categories, :publishedAt)""")
                .param("id", id)
                .param("snapshot", snapshot)
                .param("categories", new String[] {category.toLowerCase()})
                .param("publishedAt", Timestamp.from(publishedAt))
                .update();
        return id;
    }

    void retract(String storyId) {
        jdbc.sql("UPDATE story SET retracted_at = now() WHERE id = :id").param("id", storyId).update();
    }

    List<String> deliveries(String status) {
        return jdbc.sql("SELECT subscriber_id::text FROM digest_delivery WHERE status = :status")
                .param("status", status).query(String.class).list();
    }

    String delivery(UUID subscriber, String digestId) {
        return jdbc.sql("SELECT status FROM digest_delivery WHERE subscriber_id = :s AND digest_id = :d")
                .param("s", subscriber).param("d", digestId).query(String.class).optional().orElse(null);
    }

    boolean dispatched(String digestId) {
        return jdbc.sql("SELECT dispatched_at IS NOT NULL FROM digest_run WHERE id = :id")
                .param("id", digestId).query(Boolean.class).single();
    }

    List<String> runs() {
        return jdbc.sql("SELECT id FROM digest_run ORDER BY id").query(String.class).list();
    }

    /** As if the last attempt at every deferred delivery were long ago: their waits are over. */
    void waitsAreOver() {
        jdbc.sql("UPDATE digest_delivery SET updated_at = now() - interval '1 day' WHERE status IN ('deferred', 'sending')")
                .update();
    }
}
