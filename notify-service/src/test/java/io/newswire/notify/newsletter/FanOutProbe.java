package io.newswire.notify.newsletter;

import static org.awaitility.Awaitility.await;

import io.newswire.notify.system.DeadLetterTopic;
import io.newswire.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Looks at the fan-out from outside: the group's progress on the work topic, and its dead letters. */
final class FanOutProbe implements AutoCloseable {

    static final String GROUP = "notify-service";
    static final String DEAD_LETTERS = DeadLetterTopic.nameFor(StoryFanOut.TOPIC, GROUP);

    private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            RealInfrastructure.kafkaBootstrapServers()));

    /** Waits until the group has committed every work record written so far: the fan-outs are done. */
    void awaitWorkDone(Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(StoryFanOut.TOPIC)).allTopicNames().get()
                    .get(StoryFanOut.TOPIC).partitions().stream()
                    .map(info -> new TopicPartition(StoryFanOut.TOPIC, info.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return partitions.stream().allMatch(partition -> ends.get(partition).offset() == 0
                    || committed.get(partition) != null && committed.get(partition).offset() >= ends.get(partition).offset());
        });
    }

    /**
     * Waits until the group is stable and the work topic's partitions are shared by consumers of
     * every instance named (by its {@code spring.kafka.consumer.client-id}).
     */
    void awaitWorkSharedBy(Collection<String> clientIds, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            if (group.groupState() != GroupState.STABLE) {
                return false;
            }
            Set<String> working = group.members().stream()
                    .filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(StoryFanOut.TOPIC)))
                    .map(member -> member.clientId().replaceAll("-\\d+$", ""))
                    .collect(Collectors.toSet());
            return working.containsAll(clientIds);
        });
    }

    /** Waits for a dead letter of the story's work and returns it. */
    ConsumerRecord<String, String> awaitDeadLetter(String storyId, Duration patience) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTERS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(patience).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(record -> record.key().startsWith(storyId + "/"));
            });
            return seen.stream().filter(record -> record.key().startsWith(storyId + "/")).findFirst().orElseThrow();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
