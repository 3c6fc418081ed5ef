package io.newswire.feed.article;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when the replay of the article topic at start is over: when every partition has been read up
 * to the end offset it had when its consumer first looked (the high watermark then). Records appended
 * after that are ordinary news, not replay.
 *
 * <p>Progress is taken from the offsets themselves, not from a pause in the stream: the partition is done
 * at the record just before its end offset, with no wait after it, and a slow fetch on a busy machine
 * cannot end the replay early. A partition that was empty is done at the first look; one whose last
 * offsets hold no record (compacted away, or a record that failed and went to the dead-letter topic) is
 * done when its consumer, idle, has its position at the end.
 *
 * <p>Called on the consumers' own threads, each with its own Kafka consumer; several consumers may call
 * at once, each about its own partitions.
 */
public final class ArticleReplay {

    private static final Logger log = LoggerFactory.getLogger(ArticleReplay.class);
    // A broker that does not answer must not hold a consumer thread for the client's default minute.
    private static final Duration LOOK_TIMEOUT = Duration.ofSeconds(5);

    private final Set<TopicPartition> pending = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<ArticleTopicReplayed> onReplayed;
    private final AtomicBoolean over = new AtomicBoolean();
    private final AtomicLong firstLook = new AtomicLong();
    private final LongAdder records = new LongAdder();
    private volatile boolean done;

    /**
     * @param partitions every partition the listener reads
     * @param onReplayed told once, on the consumer thread that read the last of them
     */
    public ArticleReplay(Collection<TopicPartition> partitions,
            java.util.function.Consumer<ArticleTopicReplayed> onReplayed) {
        this.pending.addAll(partitions);
        this.onReplayed = onReplayed;
        if (pending.isEmpty()) {
            throw new IllegalArgumentException("No partitions to replay");
        }
    }

    /** Whether every partition has been read to its end once. */
    public boolean isOver() {
        return done;
    }

    /** The listener has applied {@code record}, read by {@code consumer}. */
    public void read(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer) {
        if (done) {
            return;
        }
        records.increment();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long end = ends.get(partition);
        if (end == null) {
            look(consumer);
            end = ends.get(partition);
        }
        if (end != null && record.offset() + 1 >= end) {
            finished(partition);
        }
    }

    /**
     * {@code consumer} has had nothing to deliver for a while: every one of its partitions whose position
     * has reached its end is done, including those whose last offsets hold no record.
     */
    public void idle(Consumer<?, ?> consumer) {
        if (done) {
            return;
        }
        try {
            look(consumer);
            for (TopicPartition partition : consumer.assignment()) {
                Long end = ends.get(partition);
                if (end != null && pending.contains(partition) && consumer.position(partition, LOOK_TIMEOUT) >= end) {
                    finished(partition);
                }
            }
        }
        catch (KafkaException ex) {
            // The broker is away; the next idle event looks again.
            log.debug("Could not look at the article topic's offsets: {}", ex.toString());
        }
    }

    /**
     * Takes note of the end offset of each of the consumer's partitions not looked at yet; those with
     * nothing between their start and their end are done.
     */
    private void look(Consumer<?, ?> consumer) {
        firstLook.compareAndSet(0, System.nanoTime());
        Set<TopicPartition> unknown = new HashSet<>(consumer.assignment());
        unknown.removeAll(ends.keySet());
        if (unknown.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> endOffsets;
        Map<TopicPartition, Long> startOffsets;
        try {
            endOffsets = consumer.endOffsets(unknown, LOOK_TIMEOUT);
            startOffsets = consumer.beginningOffsets(unknown, LOOK_TIMEOUT);
        }
        catch (KafkaException ex) {
            // Never the record's failure (the error handler would retry it, then dead-letter it): the next
            // record or idle event looks again.
            log.debug("Could not look at the article topic's offsets: {}", ex.toString());
            return;
        }
        endOffsets.forEach((partition, end) -> {
            ends.put(partition, end);
            if (end <= startOffsets.getOrDefault(partition, 0L)) {
                finished(partition);
            }
        });
    }

    private void finished(TopicPartition partition) {
        if (pending.remove(partition) && pending.isEmpty() && over.compareAndSet(false, true)) {
            done = true;
            ArticleTopicReplayed replayed = new ArticleTopicReplayed(records.sum(),
                    Duration.ofNanos(System.nanoTime() - firstLook.get()));
            log.info("Read {} to the end it had at start: {} records in {} ms", partition.topic(), replayed.records(),
                    replayed.duration().toMillis());
            try {
                onReplayed.accept(replayed);
            }
            catch (RuntimeException ex) {
                // Not the failure of the record being read: readiness already holds, and a retry would find
                // the replay over and tell no one.
                log.warn("Telling the end of the replay failed", ex);
            }
        }
    }
}
