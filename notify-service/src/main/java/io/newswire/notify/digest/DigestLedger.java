package io.newswire.notify.digest;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record of which digest went to which subscriber ({@code digest_delivery}, one row per
 * subscriber and run). A delivery is claimed before the email goes out and marked after, each in
 * its own committed statement, so a walk that is resumed (after a crash, on another instance)
 * skips whoever already has their digest.
 *
 * <p>States: {@code sending} (claimed), {@code sent}, {@code deferred} (the recipient's server said
 * try later: retried with growing waits), {@code failed} (deferred too often), {@code bounced} (the
 * server refused the address for good: the subscriber is marked bounced too, and gets nothing more).
 */
class DigestLedger {

    private final JdbcClient jdbc;
    private final Duration staleAfter;
    private final Duration firstRetryWait;
    private final int maxAttempts;

    /**
     * @param staleAfter     a claim older than this was left by an attempt that died, and may be claimed again
     * @param firstRetryWait the wait before a deferred delivery is retried, doubling with every attempt
     * @param maxAttempts    attempts before a deferred delivery is given up
     */
    DigestLedger(JdbcClient jdbc, Duration staleAfter, Duration firstRetryWait, int maxAttempts) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
        this.firstRetryWait = firstRetryWait;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Claims the delivery. True when it is new, deferred, or claimed so long ago that the attempt
     * must have died; false when it is sent, given up, or being attempted right now elsewhere.
     */
    boolean claim(UUID subscriberId, String digestId, String messageId) {
        // A claim left by a dead attempt is only taken over once it is older than a lease: by then
        // no live walker can still be inside that attempt. If one somehow were, both send the same
        // Message-ID, and the recipient's mail system can tell it is one message.
        return jdbc.sql("""
                INSERT INTO digest_delivery (subscriber_id, digest_id, status, message_id, attempts, updated_at)
                VALUES (:subscriber, :digest, 'sending', :messageId, 1, now())
                ON CONFLICT (subscriber_id, digest_id) DO UPDATE
                    SET status = 'sending', attempts = digest_delivery.attempts + 1, updated_at = now()
                WHERE digest_delivery.status = 'deferred'
                   OR (digest_delivery.status = 'sending' AND digest_delivery.updated_at < now() - make_interval(secs => :stale))""")
                .param("subscriber", subscriberId)
                .param("digest", digestId)
                .param("messageId", messageId)
                .param("stale", staleAfter.toSeconds())
                .update() == 1;
    }

    /** The mail system accepted the message. */
    void markSent(UUID subscriberId, String digestId) {
        mark(subscriberId, digestId, "'sent'");
    }

    /** The recipient's server asked to try later; after the last attempt the delivery is given up. */
    void markDeferred(UUID subscriberId, String digestId) {
        mark(subscriberId, digestId, "CASE WHEN attempts >= " + maxAttempts + " THEN 'failed' ELSE 'deferred' END");
    }

    /** Nothing is left to send (every story of the digest was retracted before a retry). */
    void markFailed(UUID subscriberId, String digestId) {
        mark(subscriberId, digestId, "'failed'");
    }

    /**
     * The channel failed, not the recipient: the attempt does not count against the delivery, and
     * it is tried again at the next walk or retry.
     */
    void unclaim(UUID subscriberId, String digestId) {
        jdbc.sql("""
                UPDATE digest_delivery SET status = 'deferred', attempts = greatest(attempts - 1, 0), updated_at = now()
                WHERE subscriber_id = :subscriber AND digest_id = :digest""")
                .param("subscriber", subscriberId)
                .param("digest", digestId)
                .update();
    }

    /** The recipient's server refused the address for good: so is every later email to it. */
    void markBounced(UUID subscriberId, String digestId) {
        // One statement, so the subscriber is never left confirmed with a bounced delivery.
        jdbc.sql("""
                WITH delivery AS (
                    UPDATE digest_delivery SET status = 'bounced', updated_at = now()
                    WHERE subscriber_id = :subscriber AND digest_id = :digest)
                UPDATE subscriber SET status = 'bounced', updated_at = now()
                WHERE id = :subscriber AND status = 'confirmed'""")
                .param("subscriber", subscriberId)
                .param("digest", digestId)
                .update();
    }

    /**
     * Deliveries of runs already walked that are due another attempt: deferred ones whose wait is
     * over, and claims left by attempts that died. A page at a time, in (run, subscriber) order
     * after {@code after}; only subscribers still confirmed.
     */
    List<Retry> dueForRetry(Retry after, int limit) {
        return jdbc.sql("""
                SELECT d.digest_id, s.id, s.email, s.topics
                FROM digest_delivery d
                JOIN digest_run r ON r.id = d.digest_id AND r.dispatched_at IS NOT NULL
                JOIN subscriber s ON s.id = d.subscriber_id AND s.status = 'confirmed'
                WHERE ((d.status = 'deferred'
                        AND d.updated_at < now() - make_interval(secs => :firstWait * power(2, greatest(d.attempts - 1, 0))))
                    OR (d.status = 'sending' AND d.updated_at < now() - make_interval(secs => :stale)))
                  AND (d.digest_id, d.subscriber_id) > (:afterDigest, :afterSubscriber)
                ORDER BY d.digest_id, d.subscriber_id
                LIMIT :limit""")
                .param("firstWait", firstRetryWait.toMillis() / 1000.0)
                .param("stale", staleAfter.toSeconds())
                .param("afterDigest", after.digestId())
                .param("afterSubscriber", after.subscriber().id())
                .param("limit", limit)
                .query((rs, row) -> new Retry(rs.getString("digest_id"), DigestSubscribers.subscriber(rs)))
                .list();
    }

    private void mark(UUID subscriberId, String digestId, String status) {
        jdbc.sql("UPDATE digest_delivery SET status = " + status + ", updated_at = now()"
                        + " WHERE subscriber_id = :subscriber AND digest_id = :digest")
                .param("subscriber", subscriberId)
                .param("digest", digestId)
                .update();
    }

    /** A delivery to try again. */
    record Retry(String digestId, DigestSubscriber subscriber) {

        /** Before every delivery, in (run, subscriber) order. */
        static final Retry FIRST = new Retry("", new DigestSubscriber(DigestRuns.START, "", Set.of()));
    }
}
