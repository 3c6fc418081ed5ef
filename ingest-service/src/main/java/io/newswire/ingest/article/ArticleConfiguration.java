package io.newswire.ingest.article;

import io.newswire.events.ArticleTopic;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the article feature; ingest owns the article topic, so it declares it. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ArticleConfiguration {

    @Bean
    NewTopic articleTopic(ArticlePublishingProperties properties) {
        return TopicBuilder.name(ArticleTopic.NAME)
                .partitions(properties.topic().partitions())
                .replicas(properties.topic().replicas())
                // Compacted: the latest snapshot of every article stays, so consumers can rebuild from it.
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ArticleAssembler articleAssembler(Clock clock, ArticlePublishingProperties properties) {
        return new ArticleAssembler(clock, properties.embedHosts());
    }

    @Bean
    ArticleStates articleStates(JdbcTemplate jdbc, JsonMapper json) {
        return new ArticleStates(jdbc, json);
    }

    @Bean
    IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc, JsonMapper json, ArticlePublishingProperties properties) {
        return new IdempotencyKeys(jdbc, json, properties.idempotencyKeyRetention());
    }

    @Bean
    ArticleEditor articleEditor(ArticleAssembler assembler, ArticleStates states, IdempotencyKeys keys,
            ArticleEventPublisher publisher, PlatformTransactionManager transactions, JsonMapper json) {
        return new ArticleEditor(assembler, states, keys, publisher, new TransactionTemplate(transactions), json);
    }
}
