package io.newswire.notify.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The subscriber rows as the signup flow reads and changes them. Every change that two requests
 * could race on is one statement, so no transaction spans a mail being sent.
 */
class Subscribers {

    private final JdbcClient jdbc;

    Subscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a signup: a new address becomes pending with these preferences; a pending,
     * unsubscribed or bounced one becomes pending with them; a confirmed one is left exactly as it
     * was (a stranger must not be able to change someone's newsletter). One statement, so two
     * signups of the same address at once cannot both insert.
     */
    SignedUp signUp(Signup signup) {
        return jdbc.sql("""
                INSERT INTO subscriber (email, status, topics, frequency)
                VALUES (:email, 'pending', :topics, :frequency)
                ON CONFLICT (email) DO UPDATE SET
                    status     = CASE WHEN subscriber.status = 'confirmed' THEN subscriber.status ELSE 'pending' END,
                    topics     = CASE WHEN subscriber.status = 'confirmed' THEN subscriber.topics ELSE EXCLUDED.topics END,
                    frequency  = CASE WHEN subscriber.status = 'confirmed' THEN subscriber.frequency ELSE EXCLUDED.frequency END,
                    updated_at = CASE WHEN subscriber.status = 'confirmed' THEN subscriber.updated_at ELSE now() END
                RETURNING id, status = 'confirmed' AS confirmed""")
                .param("email", signup.email())
                .param("topics", signup.preferences().topics().toArray(String[]::new))
                .param("frequency", signup.preferences().frequency().value())
                .query((rs, row) -> new SignedUp(rs.getObject("id", UUID.class), rs.getBoolean("confirmed")))
                .single();
    }

    /**
     * Claims the right to mail this subscriber a confirmation now: succeeds, and records the time,
     * only if none was sent within {@code interval}. Checked and set in one UPDATE, so two signups
     * racing each other send one email.
     */
    Optional<OffsetDateTime> claimConfirmation(UUID subscriber, Duration interval) {
        return jdbc.sql("""
                UPDATE subscriber SET confirmation_sent_at = now()
                WHERE id = :id
                  AND (confirmation_sent_at IS NULL OR confirmation_sent_at < now() - make_interval(secs => :seconds))
                RETURNING confirmation_sent_at""")
                .param("id", subscriber)
                .param("seconds", (double) interval.toSeconds())
                .query(OffsetDateTime.class)
                .optional();
    }

    /** Gives a claim back after the email could not be sent, so the reader may try again at once. */
    void releaseConfirmation(UUID subscriber, OffsetDateTime claimedAt) {
        jdbc.sql("UPDATE subscriber SET confirmation_sent_at = NULL WHERE id = :id AND confirmation_sent_at = :claimed")
                .param("id", subscriber)
                .param("claimed", claimedAt)
                .update();
    }

    /**
     * Confirms a pending subscriber. True if the subscriber is now confirmed, including when it
     * already was (a confirmation link may be opened twice); false if it left, bounced or is gone.
     */
    boolean confirm(UUID subscriber) {
        int confirmed = jdbc.sql("""
                UPDATE subscriber SET status = 'confirmed', confirmed_at = now(), updated_at = now()
                WHERE id = :id AND status = 'pending'""")
                .param("id", subscriber)
                .update();
        return confirmed > 0 || status(subscriber).filter("confirmed"::equals).isPresent();
    }

    Optional<String> status(UUID subscriber) {
        return jdbc.sql("SELECT status FROM subscriber WHERE id = :id").param("id", subscriber).query(String.class).optional();
    }

    /** The address to mail; only the signup flow needs it, and it never leaves this package's emails. */
    Optional<String> email(UUID subscriber) {
        return jdbc.sql("SELECT email FROM subscriber WHERE id = :id").param("id", subscriber).query(String.class).optional();
    }

    Optional<Current> current(UUID subscriber) {
        return jdbc.sql("SELECT status, topics, frequency FROM subscriber WHERE id = :id")
                .param("id", subscriber)
                .query((rs, row) -> new Current(rs.getString("status"),
                        new Preferences(topics(rs), Frequency.of(rs.getString("frequency")).orElseThrow())))
                .optional();
    }

    /** Saves preferences without touching the status; false if the subscriber is gone. */
    boolean savePreferences(UUID subscriber, Preferences preferences) {
        return jdbc.sql("UPDATE subscriber SET topics = :topics, frequency = :frequency, updated_at = now() WHERE id = :id")
                .param("id", subscriber)
                .param("topics", preferences.topics().toArray(String[]::new))
                .param("frequency", preferences.frequency().value())
                .update() > 0;
    }

    /**
     * Deletes signups that were never confirmed and that no confirmation link can confirm any more:
     * created, and last sent a confirmation, longer than {@code lifetime} ago. Subscribers who were
     * confirmed once and signed up again keep their row (and their delivery history).
     */
    int deleteExpiredSignups(Duration lifetime) {
        return jdbc.sql("""
                DELETE FROM subscriber
                WHERE status = 'pending' AND confirmed_at IS NULL
                  AND created_at < now() - make_interval(secs => :seconds)
                  AND (confirmation_sent_at IS NULL OR confirmation_sent_at < now() - make_interval(secs => :seconds))""")
                .param("seconds", (double) lifetime.toSeconds())
                .update();
    }

    private static List<String> topics(ResultSet rs) throws SQLException {
        Array array = rs.getArray("topics");
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** The outcome of a signup: the subscriber's id, and whether it was (and so still is) confirmed. */
    record SignedUp(UUID id, boolean confirmed) {
    }

    /** A subscriber's status and preferences, without the address. */
    record Current(String status, Preferences preferences) {
    }
}
