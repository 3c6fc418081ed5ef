package io.newswire.notify.newsletter;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record of which story went to which subscriber ({@code newsletter_delivery}). A delivery is
 * claimed before the email goes out and marked after, each in its own committed statement, so
 * that a redelivered or replayed event finds what was already done and does not do it again.
 */
class DeliveryLedger {

    private final JdbcClient jdbc;

    DeliveryLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the delivery of a story to a subscriber. True when it is new, or when an earlier
     * attempt claimed it and never finished (the process died between claim and mark); false when
     * it was sent or failed for good, and so must not be attempted again.
     */
    boolean claim(UUID subscriberId, String articleId, String messageId) {
        // Re-claiming a 'sending' row is what retries an attempt that died half-way. Its price: two
        // consumers on the same record at once (possible only around a rebalance) could both send;
        // they send the same Message-ID, which lets the recipient's mail system tell it is one message.
        int claimed = jdbc.sql("""
                INSERT INTO newsletter_delivery (subscriber_id, article_id, status, message_id, updated_at)
                VALUES (:subscriber, :article, 'sending', :messageId, now())
                ON CONFLICT (subscriber_id, article_id) DO UPDATE SET updated_at = now()
                WHERE newsletter_delivery.status = 'sending'""")
                .param("subscriber", subscriberId)
                .param("article", articleId)
                .param("messageId", messageId)
                .update();
        return claimed == 1;
    }

    /** The SMTP server accepted the message. */
    void markSent(UUID subscriberId, String articleId, String messageId) {
        mark(subscriberId, articleId, "sent", messageId);
    }

    /** The SMTP server refused the recipient for good; trying again would not change that. */
    void markFailed(UUID subscriberId, String articleId, String messageId) {
        mark(subscriberId, articleId, "failed", messageId);
    }

    private void mark(UUID subscriberId, String articleId, String status, String messageId) {
        jdbc.sql("""
                UPDATE newsletter_delivery SET status = :status, message_id = :messageId, updated_at = now()
                WHERE subscriber_id = :subscriber AND article_id = :article""")
                .param("status", status)
                .param("messageId", messageId)
                .param("subscriber", subscriberId)
                .param("article", articleId)
                .update();
    }
}
