package io.newswire.feed.article;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Names every partition of a topic, for a listener that assigns them all to itself.
 *
 * <p>A listener's assignment is fixed when it is registered, which is before {@link KafkaAdmin}
 * creates the declared topics; so this asks the admin to create them first, and a service that
 * starts before any other on an empty broker still finds its topic. When the broker cannot be
 * reached the declared partition count stands in, and the consumer reads once the broker is back.
 */
class ArticlePartitions {

    private static final Logger log = LoggerFactory.getLogger(ArticlePartitions.class);

    private final KafkaAdmin admin;
    private final String topic;
    private final int declaredPartitions;
    private final int consumers;
    // Asked once: the listener's assignment and the replay's idea of "every partition" must agree.
    private Integer count;

    ArticlePartitions(KafkaAdmin admin, String topic, int declaredPartitions, int consumers) {
        this.admin = admin;
        this.topic = topic;
        this.declaredPartitions = declaredPartitions;
        this.consumers = consumers;
    }

    /** How many consumers share the partitions ({@code newswire.articles.consumers}). Public because SpEL calls it. */
    public int consumers() {
        return consumers;
    }

    /**
     * The partition numbers, as the {@code partitions} of a {@code @TopicPartition} expects them.
     * Public because SpEL calls it.
     */
    public String[] all() {
        return IntStream.range(0, count()).mapToObj(Integer::toString).toArray(String[]::new);
    }

    /** The same partitions, as Kafka names them. */
    List<TopicPartition> topicPartitions() {
        return IntStream.range(0, count()).mapToObj(partition -> new TopicPartition(topic, partition)).toList();
    }

    private synchronized int count() {
        if (count == null) {
            count = describe();
        }
        return count;
    }

    private int describe() {
        try {
            // Outside the admin's own start-up call, it throws rather than logs when the broker is away.
            admin.initialize();
            return admin.describeTopics(topic).get(topic).partitions().size();
        }
        catch (RuntimeException ex) {
            log.warn("Could not describe {} ({}); reading its {} declared partitions", topic, ex.getMessage(),
                    declaredPartitions);
            return declaredPartitions;
        }
    }
}
