package io.newswire.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic back the way a fresh, independent consumer would, from a mark taken earlier: so a
 * test can assert exactly which records a request published, and that a rejected one published
 * none. Not a consumer group member; it commits nothing.
 */
public final class TopicProbe {

    private final String bootstrapServers;
    private final String topic;
    private final Map<TopicPartition, Long> mark;

    private TopicProbe(String bootstrapServers, String topic, Map<TopicPartition, Long> mark) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.mark = mark;
    }

    /** Marks the current end of every partition of the topic; later reads start there. */
    public static TopicProbe markEnd(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return new TopicProbe(bootstrapServers, topic, new HashMap<>(consumer.endOffsets(partitions)));
        }
    }

    /**
     * Reads every record after the mark until one matches {@code last} (the record a test sends to
     * know that everything before it has been seen), and returns them all, that one last; records of
     * one key keep their order.
     */
    public List<ConsumerRecord<String, String>> readUntil(Predicate<ConsumerRecord<String, String>> last, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            consumer.assign(mark.keySet());
            mark.forEach(consumer::seek);
            Map<TopicPartition, Long> endWhenSeen = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    if (endWhenSeen == null && last.test(record)) {
                        // Partitions are read in no particular order: everything acknowledged before
                        // the last record is below the end offsets of this moment, so read up to them.
                        endWhenSeen = consumer.endOffsets(mark.keySet());
                    }
                }
                if (endWhenSeen != null && caughtUp(consumer, endWhenSeen)) {
                    ConsumerRecord<String, String> found = records.stream().filter(last).findFirst().orElseThrow();
                    records.remove(found);
                    records.add(found);
                    return records;
                }
            }
        }
        throw new AssertionError("No matching record on " + topic + " within " + timeout + "; saw " + records.size());
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The UTF-8 value of a header, or {@code null}. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    public String topic() {
        return topic;
    }
}
