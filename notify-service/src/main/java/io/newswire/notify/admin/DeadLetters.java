package io.newswire.notify.admin;

import io.newswire.events.ArticleTopic;
import io.newswire.notify.system.DeadLetterTopic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Notify's dead letters, for an operator: what is on the dead-letter topics, and putting one
 * record back on the topic it came from once its cause is fixed.
 *
 * <p>Reads with a short-lived consumer that joins no group and commits nothing, so looking never
 * moves any group's offsets. Each read stops at the end offsets taken when it began, so a busy
 * topic cannot keep it reading. Replays go only to the topic a dead-letter topic is named after
 * ({@link DeadLetterTopic}), whatever its headers claim, so no caller can produce to a topic of its choosing.
 */
class DeadLetters {

    /** The group notify's listeners read with; its dead-letter topics end in {@link #SUFFIX}. */
    static final String GROUP = "notify-service";
    static final String SUFFIX = DeadLetterTopic.nameFor("", GROUP);
    /** The newest records a listing shows. */
    static final int LIMIT = 200;
    /** How much of a value a listing shows, in UTF-8 bytes. */
    static final int VALUE_BYTES_SHOWN = 2048;

    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);
    // Exception messages can quote a recipient (an SMTP refusal does); addresses never leave the service.
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:@]+@[^\\s<>\"'(),;:@]+\\.[^\\s<>\"'(),;:@]+");

    /** Where a record is. */
    record Location(String topic, int partition, long offset) {
    }

    /** One dead letter as the admin API shows it. */
    record DeadLetter(String topic, int partition, long offset, String key, Instant timestamp,
            String originalTopic, Integer originalPartition, Long originalOffset,
            String exceptionClass, String exceptionCauseClass, String exceptionMessage,
            Map<String, String> headers, String value, int valueBytes, boolean valueTruncated) {
    }

    /** The newest dead letters (at most {@link #LIMIT}); {@code total} counts every record on the topics. */
    record Listing(long total, int limit, List<DeadLetter> deadLetters) {
    }

    /** A replayed dead letter: where it was and where its copy went. */
    record Replayed(Location from, Location to) {
    }

    /** No record at that place on a dead-letter topic. */
    static final class NotFoundException extends RuntimeException {
        NotFoundException(String message) {
            super(message);
        }
    }

    /** A record that cannot, or must not, be put back. */
    static final class NotReplayableException extends RuntimeException {
        NotReplayableException(String message) {
            super(message);
        }
    }

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;

    /** From the service's own consumer and producer settings (broker, security), minus groups, types and transactions. */
    DeadLetters(Map<String, Object> serviceConsumerConfig, Map<String, Object> serviceProducerConfig) {
        this.consumerConfig = withoutSpringKeys(serviceConsumerConfig);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Asking about a topic must never create it.
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-admin");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        this.producerConfig = withoutSpringKeys(serviceProducerConfig);
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, GROUP + "-admin-replay");
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    static boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(SUFFIX) && topic.length() > SUFFIX.length();
    }

    /** The newest dead letters of every notify dead-letter topic, newest first. */
    Listing list() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.listTopics(READ_TIMEOUT).entrySet().stream()
                    .filter(topic -> isDeadLetterTopic(topic.getKey()))
                    .flatMap(topic -> topic.getValue().stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return new Listing(0, LIMIT, List.of());
            }
            // Assigned before asking for offsets: the client warns about offsets of unassigned partitions.
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long total = 0;
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long first = begin.get(partition);
                long last = end.get(partition);
                total += last - first;
                if (last > first) {
                    // No partition can hold more than LIMIT of the newest LIMIT records.
                    from.put(partition, Math.max(first, last - LIMIT));
                }
            }
            List<ConsumerRecord<byte[], byte[]>> records = read(consumer, from, end);
            List<DeadLetter> newest = records.stream()
                    .sorted(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                            .thenComparingLong(ConsumerRecord::offset).reversed())
                    .limit(LIMIT)
                    .map(DeadLetters::deadLetter)
                    .toList();
            return new Listing(total, LIMIT, newest);
        }
    }

    /**
     * Puts the record at {@code topic}/{@code partition}/{@code offset} back on its original topic
     * and partition (key, value and every header but the {@code kafka_dlt-} ones), stamped now so
     * it is handled as a fresh event, and waits for the broker's acknowledgement.
     *
     * <p>Refused when the original topic is the compacted article topic and a later record of the
     * same key is already on its partition: the replayed copy would then outlive the newer event (a
     * retraction, say), and every consumer rebuilding from the topic would go back to the older one.
     * notify's own work topics are not compacted and are keyed by account or slice, so a later record
     * of the same key there is other work, not a newer version of this one.
     */
    Replayed replay(String topic, int partition, long offset) {
        if (!isDeadLetterTopic(topic)) {
            throw new IllegalArgumentException("Not a dead-letter topic of " + GROUP + ": " + topic);
        }
        ConsumerRecord<byte[], byte[]> deadLetter;
        Location original;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            deadLetter = readOne(consumer, new TopicPartition(topic, partition), offset);
            original = original(deadLetter);
            if (ArticleTopic.NAME.equals(original.topic()) && deadLetter.key() != null
                    && laterRecordOfKey(consumer, original, deadLetter.key())) {
                throw new NotReplayableException("A later event with the same key is on " + original.topic() + "-"
                        + original.partition() + " since offset " + original.offset()
                        + "; replaying would put the older event back on top of it.");
            }
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(original.topic(), original.partition(), null,
                deadLetter.key(), deadLetter.value(), headers);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            RecordMetadata sent = producer.send(copy).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Replayed(new Location(topic, partition, offset),
                    new Location(sent.topic(), sent.partition(), sent.offset()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for the broker", ex);
        }
        catch (java.util.concurrent.TimeoutException ex) {
            throw new TimeoutException("The broker did not acknowledge the replay within " + ACK_TIMEOUT, ex);
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(ex.getCause());
        }
    }

    private ConsumerRecord<byte[], byte[]> readOne(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition,
            long offset) {
        List<PartitionInfo> partitions = consumer.partitionsFor(partition.topic(), READ_TIMEOUT);
        if (partitions.stream().noneMatch(info -> info.partition() == partition.partition())) {
            throw new NotFoundException("There is no partition " + partition + ".");
        }
        Set<TopicPartition> only = Set.of(partition);
        consumer.assign(only);
        long first = consumer.beginningOffsets(only, READ_TIMEOUT).get(partition);
        long end = consumer.endOffsets(only, READ_TIMEOUT).get(partition);
        if (offset < first || offset >= end) {
            throw new NotFoundException("There is no record at offset " + offset + " of " + partition
                    + " (it holds " + first + " to " + (end - 1) + ").");
        }
        return read(consumer, Map.of(partition, offset), Map.of(partition, offset + 1)).stream()
                .filter(record -> record.offset() == offset)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("There is no record at offset " + offset + " of " + partition + "."));
    }

    private static Location original(ConsumerRecord<byte[], byte[]> deadLetter) {
        String topic = text(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Long partition = number(deadLetter, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Long offset = number(deadLetter, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        if (topic == null || partition == null || offset == null) {
            throw new NotReplayableException("The record does not say where it came from (no "
                    + KafkaHeaders.DLT_ORIGINAL_TOPIC + ", -partition or -offset header).");
        }
        if (!DeadLetterTopic.nameFor(topic, GROUP).equals(deadLetter.topic())) {
            throw new NotReplayableException("The record names " + topic + " as its original topic, whose dead letters do not go to "
                    + deadLetter.topic() + "; it is not replayed there.");
        }
        return new Location(topic, partition.intValue(), offset);
    }

    private boolean laterRecordOfKey(KafkaConsumer<byte[], byte[]> consumer, Location original, byte[] key) {
        TopicPartition partition = new TopicPartition(original.topic(), original.partition());
        consumer.assign(Set.of(partition));
        long end = consumer.endOffsets(Set.of(partition), READ_TIMEOUT).get(partition);
        long from = Math.max(original.offset() + 1, consumer.beginningOffsets(Set.of(partition), READ_TIMEOUT).get(partition));
        if (from >= end) {
            return false;
        }
        return read(consumer, Map.of(partition, from), Map.of(partition, end)).stream()
                .anyMatch(record -> Arrays.equals(record.key(), key));
    }

    /** Every record from {@code from} up to (not including) {@code end}, per partition; bounded in time. */
    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> from, Map<TopicPartition, Long> end) {
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (!from.keySet().stream().allMatch(p -> consumer.position(p, READ_TIMEOUT) >= end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Reading " + from.keySet() + " took longer than " + READ_TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX) && header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        Long originalPartition = number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        String message = text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        byte[] value = record.value();
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                Instant.ofEpochMilli(record.timestamp()),
                text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                originalPartition == null ? null : originalPartition.intValue(),
                number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                text(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
                message == null ? null : EMAIL.matcher(message).replaceAll("[address]"),
                headers,
                value == null ? null : prefix(value, VALUE_BYTES_SHOWN),
                value == null ? 0 : value.length,
                value != null && value.length > VALUE_BYTES_SHOWN);
    }

    /** The longest UTF-8 prefix of at most {@code maxBytes} bytes that does not split a character. */
    static String prefix(byte[] utf8, int maxBytes) {
        int length = Math.min(utf8.length, maxBytes);
        if (length < utf8.length) {
            // Step back over continuation bytes (10xxxxxx) to the start of the character cut in two.
            while (length > 0 && (utf8[length] & 0xC0) == 0x80) {
                length--;
            }
        }
        return new String(utf8, 0, length, StandardCharsets.UTF_8);
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes partitions as 4-byte and offsets as 8-byte big-endian numbers. */
    private static Long number(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        if (value.length == Long.BYTES) {
            return ByteBuffer.wrap(value).getLong();
        }
        if (value.length == Integer.BYTES) {
            return (long) ByteBuffer.wrap(value).getInt();
        }
        return null;
    }

    private static Map<String, Object> withoutSpringKeys(Map<String, Object> config) {
        Map<String, Object> copy = new HashMap<>(config);
        // Spring's serializer settings (spring.json.*, spring.deserializer.*) mean nothing to byte arrays.
        copy.keySet().removeIf(key -> key.startsWith("spring."));
        return copy;
    }
}
