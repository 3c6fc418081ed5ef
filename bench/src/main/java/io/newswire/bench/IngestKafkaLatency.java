package io.newswire.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's own end-to-end latency on this machine, as Kafka's {@code EndToEndLatency} tool
 * measures it: one record at a
 * time, produced with acks=all and read back by a consumer on the same broker, the time from
 * send to the consumer holding it. Newswire's publish-to-feed latency can only be a few of these.
 */
final class IngestKafkaLatency {

    private IngestKafkaLatency() {
    }

    /** Latencies in milliseconds of {@code count} round trips of a {@code size}-byte record. */
    static double[] measure(String bootstrapServers, int count, int size) throws Exception {
        String topic = "bench-e2e";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        double[] latencies = new double[count];
        byte[] payload = new byte[size];
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < count + 50; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, payload)).get();
                int received = 0;
                while (received == 0) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(5000));
                    received = records.count();
                    if (received == 0) {
                        throw new IllegalStateException("Record " + i + " was not consumed within 5 s");
                    }
                }
                // The first 50 warm the clients up and are not counted, as for the stories.
                if (i >= 50) {
                    latencies[i - 50] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return latencies;
    }
}
