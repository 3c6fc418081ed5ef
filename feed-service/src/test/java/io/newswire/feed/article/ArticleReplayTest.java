package io.newswire.feed.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The replay at start is over when every partition has been read to the end it had, and not before. */
class ArticleReplayTest {

    private static final String TOPIC = "newswire.articles";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

    private final List<ArticleTopicReplayed> told = new ArrayList<>();
    private final ArticleReplay replay = new ArticleReplay(List.of(P0, P1, P2), told::add);

    @Test
    void overAtTheLastRecordOfTheLastPartitionOfEveryConsumerWithoutWaitingForIdleness() {
        MockConsumer<String, String> first = consumer(Map.of(P0, 3L, P1, 2L), P0, P1);
        MockConsumer<String, String> second = consumer(Map.of(P2, 1L), P2);

        read(first, P0, 0);
        read(first, P1, 0);
        read(first, P0, 1);
        read(first, P1, 1);
        read(first, P0, 2);
        assertThat(replay.isOver()).as("the second consumer has read nothing yet").isFalse();
        replay.idle(second);
        assertThat(replay.isOver()).as("idle, but its position is still before the end").isFalse();

        read(second, P2, 0);

        assertThat(replay.isOver()).isTrue();
        assertThat(told).singleElement().satisfies(replayed -> assertThat(replayed.records()).isEqualTo(6));
        read(second, P2, 1);
        assertThat(told).as("told once").hasSize(1);
    }

    @Test
    void anEmptyTopicIsOverAtTheFirstIdleEvent() {
        MockConsumer<String, String> first = consumer(Map.of(P0, 0L, P1, 0L), P0, P1);
        MockConsumer<String, String> second = consumer(Map.of(P2, 0L), P2);

        replay.idle(first);
        assertThat(replay.isOver()).isFalse();
        replay.idle(second);

        assertThat(replay.isOver()).isTrue();
        assertThat(told).singleElement().satisfies(replayed -> assertThat(replayed.records()).isZero());
    }

    @Test
    void aPartitionWhoseLastOffsetsHoldNoRecordIsDoneWhenItsConsumerIsIdleAtTheEnd() {
        // Offsets 3 and 4 were compacted away, or held a record that went to the dead-letter topic.
        MockConsumer<String, String> only = consumer(Map.of(P0, 5L, P1, 0L, P2, 0L), P0, P1, P2);
        read(only, P0, 0);
        read(only, P0, 2);
        only.seek(P0, 3);
        replay.idle(only);
        assertThat(replay.isOver()).isFalse();

        only.seek(P0, 5);
        replay.idle(only);

        assertThat(replay.isOver()).isTrue();
    }

    @Test
    void recordsAppendedAfterTheFirstLookAreNewsNotReplay() {
        MockConsumer<String, String> only = consumer(Map.of(P0, 2L, P1, 0L, P2, 0L), P0, P1, P2);
        read(only, P0, 0);
        only.updateEndOffsets(Map.of(P0, 10L));

        read(only, P0, 1);

        assertThat(replay.isOver()).isTrue();
    }

    private static MockConsumer<String, String> consumer(Map<TopicPartition, Long> ends, TopicPartition... partitions) {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(partitions));
        Map<TopicPartition, Long> starts = new java.util.HashMap<>();
        for (TopicPartition partition : partitions) {
            starts.put(partition, 0L);
        }
        consumer.updateBeginningOffsets(starts);
        consumer.updateEndOffsets(ends);
        return consumer;
    }

    private void read(MockConsumer<String, String> consumer, TopicPartition partition, long offset) {
        consumer.seek(partition, offset + 1);
        replay.read(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", "value"), consumer);
    }
}
