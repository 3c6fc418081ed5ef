package io.newswire.notify.newsletter;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The record of which story went to which subscriber ({@code newsletter_delivery}), and the
 * reason an email went out exactly once in effect. A delivery is claimed ({@code sending})
 * before the email goes out and marked after, each in a committed statement, so that a
 * redelivered, retried or replayed work record finds what was already done and does not do it
 * again. A fan-out claims a page of deliveries in one statement, and marks the sent ones in
 * batches ({@link #claimPage}, {@link #markSent(String, Collection)}); what it claimed and did
 * not send, it gives back ({@link #release}).
 *
 * <p>The states: {@code sending} (claimed; the email may be on its way), {@code sent} (the SMTP
 * server accepted it), {@code deferred} (the server said try later, 4xx), {@code bounced} (the
 * server refused the address for good, 5xx, or it is no address), {@code failed} (still deferred
 * when the work record ran out of retries and was dead-lettered). {@code attempts} counts the
 * times the email was handed to the SMTP server.
 */
class DeliveryLedger {

    private final JdbcClient jdbc;

    DeliveryLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the delivery of a story to a subscriber. True when it is new; when an earlier attempt
     * claimed it and never finished (the process died between claim and mark); when it was
     * deferred; or when it failed and its dead letter is being replayed. False when it was sent or
     * bounced, and so must not be attempted again.
     */
    boolean claim(UUID subscriberId, String articleId, String messageId) {
        // Re-claiming a 'sending' row is what retries an attempt that died half-way. Its price: two
        // consumers on the same work record at once (possible only when one overran
        // max.poll.interval.ms and was evicted while still sending) could both send; they send the
        // same Message-ID, which lets the recipient's mail system tell it is one message.
        int claimed = jdbc.sql("""
                INSERT INTO newsletter_delivery (subscriber_id, article_id, status, message_id, updated_at)
                VALUES (:subscriber, :article, 'sending', :messageId, now())
                ON CONFLICT (subscriber_id, article_id) DO UPDATE SET status = 'sending', updated_at = now()
                WHERE newsletter_delivery.status IN ('sending', 'deferred', 'failed')""")
                .param("subscriber", subscriberId)
                .param("article", articleId)
                .param("messageId", messageId)
                .update();
        return claimed == 1;
    }

    /**
     * Claims the deliveries of a story to a page of subscribers at once, as {@link #claim} each.
     *
     * @param messageIds the Message-ID of each subscriber's email, in the order of {@code subscriberIds}
     * @return the subscribers claimed; the others were sent or bounced already
     */
    Set<UUID> claimPage(String articleId, List<UUID> subscriberIds, List<String> messageIds) {
        if (subscriberIds.isEmpty()) {
            return Set.of();
        }
        // In the page's (id) order, so two claims of the same slice take their row locks in one order.
        return new HashSet<>(jdbc.sql("""
                INSERT INTO newsletter_delivery (subscriber_id, article_id, status, message_id, updated_at)
                SELECT page.subscriber_id, :article, 'sending', page.message_id, now()
                FROM unnest(:subscribers, :messageIds) WITH ORDINALITY AS page(subscriber_id, message_id, position)
                ORDER BY page.position
                ON CONFLICT (subscriber_id, article_id) DO UPDATE SET status = 'sending', updated_at = now()
                WHERE newsletter_delivery.status IN ('sending', 'deferred', 'failed')
                RETURNING subscriber_id""")
                .param("article", articleId)
                .param("subscribers", new SqlArrayValue("uuid", subscriberIds.toArray()))
                .param("messageIds", new SqlArrayValue("text", messageIds.toArray()))
                .query(UUID.class)
                .list());
    }

    /** The SMTP server accepted the message. */
    void markSent(UUID subscriberId, String articleId) {
        mark(subscriberId, articleId, "sent");
    }

    /** The SMTP server accepted the messages of the story to these subscribers. */
    void markSent(String articleId, Collection<UUID> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE newsletter_delivery SET status = 'sent', attempts = attempts + 1, updated_at = now()
                WHERE article_id = :article AND subscriber_id = ANY(:subscribers)""")
                .param("article", articleId)
                .param("subscribers", new SqlArrayValue("uuid", subscriberIds.toArray()))
                .update();
    }

    /**
     * Gives back claims whose emails were never handed to the SMTP server (the walk stopped first):
     * a delivery never attempted is forgotten, as if never claimed; one attempted before (deferred,
     * or failed and being replayed) is left deferred, for the work record's next attempt.
     */
    void release(String articleId, Collection<UUID> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                WITH forgotten AS (
                    DELETE FROM newsletter_delivery
                    WHERE article_id = :article AND subscriber_id = ANY(:subscribers) AND status = 'sending' AND attempts = 0)
                UPDATE newsletter_delivery SET status = 'deferred', updated_at = now()
                WHERE article_id = :article AND subscriber_id = ANY(:subscribers) AND status = 'sending' AND attempts > 0""")
                .param("article", articleId)
                .param("subscribers", new SqlArrayValue("uuid", subscriberIds.toArray()))
                .update();
    }

    /** The SMTP server asked to try later; the work record's retry claims it again. */
    void markDeferred(UUID subscriberId, String articleId) {
        mark(subscriberId, articleId, "deferred");
    }

    /**
     * The SMTP server refused the address for good. The subscriber is marked bounced in the same
     * statement (one transaction), so no later story is ever sent to the address; an
     * unsubscribed or pending subscriber keeps their status.
     */
    void markBounced(UUID subscriberId, String articleId) {
        jdbc.sql("""
                WITH delivery AS (
                    UPDATE newsletter_delivery SET status = 'bounced', attempts = attempts + 1, updated_at = now()
                    WHERE subscriber_id = :subscriber AND article_id = :article)
                UPDATE subscriber SET status = 'bounced', updated_at = now()
                WHERE id = :subscriber AND status = 'confirmed'""")
                .param("subscriber", subscriberId)
                .param("article", articleId)
                .update();
    }

    /**
     * A slice's work record was dead-lettered: what it left deferred, or claimed and never
     * finished (the channel failed under it), is given up as failed. A replay of the dead letter
     * claims these rows again.
     *
     * @return how many deliveries failed
     */
    int failUnfinished(FanOutWork work) {
        JdbcClient.StatementSpec statement = jdbc.sql("""
                UPDATE newsletter_delivery SET status = 'failed', updated_at = now()
                WHERE article_id = :article AND status IN ('deferred', 'sending')
                  AND subscriber_id >= :from""" + (work.to() == null ? "" : " AND subscriber_id < :to"))
                .param("article", work.storyId())
                .param("from", work.from());
        return (work.to() == null ? statement : statement.param("to", work.to())).update();
    }

    private void mark(UUID subscriberId, String articleId, String status) {
        jdbc.sql("""
                UPDATE newsletter_delivery SET status = :status, attempts = attempts + 1, updated_at = now()
                WHERE subscriber_id = :subscriber AND article_id = :article""")
                .param("status", status)
                .param("subscriber", subscriberId)
                .param("article", articleId)
                .update();
    }
}
