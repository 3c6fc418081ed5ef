package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.feed.article.ArticleCatalog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/** The replay at start is over only when every consumer of the article topic has been idle. */
class FeedChangeScheduleTest {

    private final FeedProperties properties = new FeedProperties("Newswire", URI.create("https://news.example/"),
            "The latest stories.", "en", 10, URI.create("https://feeds.news.example"), Duration.ofMillis(250));
    private final ArticleCatalog catalog = new ArticleCatalog();
    private final FeedChangeWatch watch = new FeedChangeWatch(new RenderedFeeds(catalog, properties,
            new FeedRenderer(properties), new JsonFeedRenderer(properties, List.of()), new FeedIndexRenderer(properties)),
            Stream::empty);
    private final FeedChangeSchedule schedule = new FeedChangeSchedule(watch, Duration.ofSeconds(1));

    @Test
    void replayIsOverWhenEachOfTheConsumersHasBeenIdleNotWhenTheFirstIs() {
        DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(Map.of());
        ContainerProperties containerProperties = new ContainerProperties("newswire.articles");
        KafkaMessageListenerContainer<String, String> first = new KafkaMessageListenerContainer<>(consumers, containerProperties);
        KafkaMessageListenerContainer<String, String> second = new KafkaMessageListenerContainer<>(consumers, containerProperties);
        // Two consumers, as a started container with concurrency 2 has them.
        ConcurrentMessageListenerContainer<String, String> parent = new ConcurrentMessageListenerContainer<>(consumers,
                containerProperties) {
            @Override
            public List<KafkaMessageListenerContainer<String, String>> getContainers() {
                return List.of(first, second);
            }
        };

        schedule.on(idle(first, parent));
        schedule.on(idle(first, parent));
        assertThat(watch.isCaughtUp()).isFalse();

        schedule.on(idle(second, parent));
        assertThat(watch.isCaughtUp()).isTrue();
    }

    @Test
    void aSingleConsumerIsOverAtItsFirstIdle() {
        DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(Map.of());
        KafkaMessageListenerContainer<String, String> only = new KafkaMessageListenerContainer<>(consumers,
                new ContainerProperties("newswire.articles"));

        schedule.on(idle(only, only));

        assertThat(watch.isCaughtUp()).isTrue();
    }

    private static ListenerContainerIdleEvent idle(Object consumer, Object container) {
        return new ListenerContainerIdleEvent(consumer, container, 500, "feed-articles", List.of(), null, false);
    }
}
