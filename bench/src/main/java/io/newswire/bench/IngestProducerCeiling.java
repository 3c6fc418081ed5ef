package io.newswire.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw producer ceiling, run as its own JVM: the loop of Kafka's
 * {@code org.apache.kafka.tools.ProducerPerformance} ({@code kafka-producer-perf-test.sh}) with
 * {@code --throughput -1}: one {@link KafkaProducer} from the same kafka-clients jar the services
 * use, random payloads of the record size, every send asynchronous with a callback, then a flush;
 * records/s is acknowledged records over the time from the first send to the last acknowledgement.
 * The tool itself lives in the kafka-tools jar, which is not among the offline dependencies;
 * {@code run-ingest-throughput.sh} runs the real tool instead whenever that jar is on the classpath.
 *
 * <p>Arguments: bootstrap servers, topic, number of records, record size, partitions. Prints one
 * line in the tool's own format.
 */
public final class IngestProducerCeiling {

    private IngestProducerCeiling() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long records = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        int partitions = Integer.parseInt(args[4]);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            // The same partitions as newswire.articles: the producer may spread over them as ingest does.
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        catch (java.util.concurrent.ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                throw ex;
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // The tool's random payloads: a pool of records of random upper-case letters, one picked per send.
        SplittableRandom random = new SplittableRandom(0);
        byte[][] payloads = new byte[128][];
        for (int p = 0; p < payloads.length; p++) {
            payloads[p] = new byte[size];
            for (int i = 0; i < size; i++) {
                payloads[p][i] = (byte) (random.nextInt(26) + 65);
            }
        }
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong latencySum = new AtomicLong();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, payloads[random.nextInt(payloads.length)]), (metadata, ex) -> {
                    if (ex == null) {
                        acknowledged.incrementAndGet();
                        latencySum.addAndGet(System.nanoTime() - sent);
                    }
                    else {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ok = acknowledged.get();
        System.out.printf(java.util.Locale.ROOT,
                "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %d errors%n",
                ok, ok / seconds, ok * (double) size / seconds / (1024 * 1024), latencySum.get() / 1e6 / Math.max(1, ok),
                failed.get());
    }
}
