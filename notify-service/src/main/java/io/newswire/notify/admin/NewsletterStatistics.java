package io.newswire.notify.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Counts for the admin API: who is subscribed to what, and how far one story's mailing got. */
class NewsletterStatistics {

    /** Every subscriber state and frequency the schema allows (V1, V2), so each is answered even at 0. */
    static final List<String> STATES = List.of("pending", "confirmed", "unsubscribed", "bounced");
    static final List<String> FREQUENCIES = List.of("each", "daily", "weekly");
    /** The topic a subscriber with no topics (every story) is counted under. */
    static final String ALL_TOPICS = "(all)";

    record SubscriberCounts(Map<String, Long> byState, Map<String, Long> byTopic, Map<String, Long> byFrequency) {
    }

    record DeliveryCounts(String articleId, long queued, long sent, long failed, long bounced) {
    }

    private record Count(String kind, String name, long count) {
    }

    private final JdbcClient jdbc;

    NewsletterStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Subscribers by state; confirmed ones by topic and by frequency. One statement, so one snapshot: the parts agree. */
    SubscriberCounts subscribers() {
        List<Count> counts = jdbc.sql("""
                        SELECT 'state' AS kind, status AS name, count(*) AS n FROM subscriber GROUP BY status
                        UNION ALL
                        SELECT 'frequency', frequency, count(*) FROM subscriber WHERE status = 'confirmed' GROUP BY frequency
                        UNION ALL
                        SELECT 'topic', coalesce(t.topic, :all), count(DISTINCT s.id)
                        FROM subscriber s LEFT JOIN LATERAL unnest(s.topics) AS t(topic) ON true
                        WHERE s.status = 'confirmed'
                        GROUP BY 2
                        ORDER BY 1, 3 DESC, 2""")
                .param("all", ALL_TOPICS)
                .query((rs, row) -> new Count(rs.getString("kind"), rs.getString("name"), rs.getLong("n")))
                .list();
        Map<String, Long> byState = zeros(STATES);
        Map<String, Long> byFrequency = zeros(FREQUENCIES);
        Map<String, Long> byTopic = new LinkedHashMap<>();
        for (Count count : counts) {
            switch (count.kind()) {
                case "state" -> byState.put(count.name(), count.count());
                case "frequency" -> byFrequency.put(count.name(), count.count());
                default -> byTopic.put(count.name(), count.count());
            }
        }
        return new SubscriberCounts(byState, byTopic, byFrequency);
    }

    /**
     * Where the deliveries of one story stand; empty when notify knows nothing of the story (no
     * delivery and no row in {@code story}). Deferred deliveries are still queued: they are retried.
     */
    Optional<DeliveryCounts> deliveries(String articleId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status IN ('sending', 'deferred')) AS queued,
                               count(*) FILTER (WHERE status = 'sent') AS sent,
                               count(*) FILTER (WHERE status = 'failed') AS failed,
                               count(*) FILTER (WHERE status = 'bounced') AS bounced,
                               count(*) > 0 OR EXISTS (SELECT 1 FROM story WHERE id = :id) AS known
                        FROM newsletter_delivery WHERE article_id = :id""")
                .param("id", articleId)
                .query((rs, row) -> rs.getBoolean("known")
                        ? Optional.of(new DeliveryCounts(articleId, rs.getLong("queued"), rs.getLong("sent"),
                                rs.getLong("failed"), rs.getLong("bounced")))
                        : Optional.<DeliveryCounts>empty())
                .single();
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key, 0L));
        return map;
    }
}
