package io.newswire.notify.newsletter;

import io.newswire.notify.system.DeadLetterTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Declares the fan-out work topic and its dead-letter topic (a no-op when they exist). */
@Configuration(proxyBeanMethods = false)
class FanOutTopics {

    @Bean
    NewTopic fanOutWorkTopic(NewsletterProperties properties) {
        // Not compacted: two records with the same key (a slice planned twice) are both work to do.
        return TopicBuilder.name(StoryFanOut.TOPIC)
                .partitions(properties.fanOut().partitions())
                .replicas(properties.fanOut().replicas())
                .build();
    }

    @Bean
    NewTopic fanOutWorkDeadLetterTopic(NewsletterProperties properties) {
        // Dead letters are rare and the producer picks the partition, so one is enough.
        return TopicBuilder.name(DeadLetterTopic.nameFor(StoryFanOut.TOPIC, FanOutWorkListener.GROUP))
                .partitions(1)
                .replicas(properties.fanOut().replicas())
                .build();
    }
}
