package io.newswire.notify.article;

import io.newswire.events.ArticleTopic;
import io.newswire.notify.system.DeadLetterTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the article topic (owned by ingest, declared here too so notify can start first; the
 * declaration is a no-op when the topic exists) and notify's dead-letter topic for it.
 */
@Configuration(proxyBeanMethods = false)
class ArticleTopics {

    @Bean
    NewTopic articleTopic(ArticleTopicProperties properties) {
        return TopicBuilder.name(ArticleTopic.NAME)
                .partitions(properties.partitions())
                .replicas(properties.replicas())
                // Compacted, as ingest declares it: the latest snapshot of every article stays.
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    @Bean
    NewTopic articleDeadLetterTopic(ArticleTopicProperties properties) {
        // Not compacted: every dead letter for an article must stay, not only the last one.
        return TopicBuilder.name(DeadLetterTopic.nameFor(ArticleTopic.NAME, ArticleListener.GROUP))
                .partitions(properties.deadLetterPartitions())
                .replicas(properties.replicas())
                .build();
    }
}
