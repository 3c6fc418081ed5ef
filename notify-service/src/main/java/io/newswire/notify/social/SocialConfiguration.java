package io.newswire.notify.social;

import io.newswire.notify.newsletter.NewsletterProperties;
import io.newswire.notify.newsletter.Stories;
import io.newswire.notify.system.AfterDeadLetter;
import io.newswire.notify.system.DeadLetterTopic;
import io.newswire.notify.system.DrainBeforeListenersStop;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/** Wiring of the social feature: plain classes, put together here so none of them needs Spring. */
@Configuration(proxyBeanMethods = false)
class SocialConfiguration {

    @Bean
    SocialLedger socialLedger(JdbcClient jdbc) {
        return new SocialLedger(jdbc);
    }

    @Bean
    AccountPauses accountPauses(JdbcClient jdbc) {
        return new AccountPauses(jdbc);
    }

    @Bean
    SocialChannels socialChannels(List<SocialChannel> channels) {
        return new SocialChannels(channels);
    }

    @Bean
    SocialRetry socialRetry(SocialProperties properties, Clock clock) {
        return new SocialRetry(properties.retry(), clock);
    }

    /** The same stale-after rule as the newsletter's: a story too old to mail is too old to post. */
    @Bean
    SocialFanOut socialFanOut(KafkaOperations<String, Object> kafka, SocialProperties properties, SocialLedger ledger,
            SocialChannels channels, NewsletterProperties newsletter, Clock clock) {
        return new SocialFanOut(kafka, properties, ledger, channels, newsletter.staleAfter(), clock);
    }

    @Bean
    SocialFormatter socialFormatter() {
        return new SocialFormatter();
    }

    @Bean
    SocialDispatch socialDispatch(SocialProperties properties, Stories stories, SocialLedger ledger, AccountPauses pauses,
            SocialChannels channels, SocialFormatter formatter, SocialRetry retry) {
        return new SocialDispatch(properties, stories, ledger, pauses, channels, formatter, retry);
    }

    @Bean
    SocialAccounts socialAccounts(SocialProperties properties, AccountPauses pauses, SocialLedger ledger, SocialFanOut fanOut,
            Stories stories, Clock clock) {
        return new SocialAccounts(properties, pauses, ledger, fanOut, stories, clock);
    }

    /** Health component {@code social} (named after the bean, less "HealthIndicator"). */
    @Bean
    SocialHealth socialHealthIndicator(SocialAccounts accounts) {
        return new SocialHealth(accounts);
    }

    @Bean
    DrainBeforeListenersStop socialShutdown(SocialDispatch dispatch) {
        return new DrainBeforeListenersStop(dispatch::resumePosting, dispatch::stopPosting);
    }

    @Bean
    AfterDeadLetter socialWorkGivenUp(SocialDispatch dispatch) {
        return (record, failure) -> {
            if (SocialFanOut.TOPIC.equals(record.topic()) && record.value() instanceof SocialWork work) {
                dispatch.givenUp(work, failure);
            }
        };
    }

    /**
     * Sets how many records a poll of {@link SocialWorkListener} returns ({@link SocialProperties#recordsPerPoll}):
     * the offsets are committed once per poll, so more records per poll save a poll and a
     * synchronous offset commit per post (round trips to the broker that cost as much as the post).
     */
    @Bean(SocialWorkListener.CONTAINER_POST_PROCESSOR)
    ContainerPostProcessor<String, SocialWork, AbstractMessageListenerContainer<String, SocialWork>> socialWorkPolls(
            SocialProperties properties) {
        int records = properties.recordsPerPoll();
        return container -> container.getContainerProperties().getKafkaConsumerProperties()
                .setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(records));
    }

    @Bean
    NewTopic socialWorkTopic(SocialProperties properties) {
        // Not compacted: two records with the same key (one account's posts) are all work to do.
        return TopicBuilder.name(SocialFanOut.TOPIC)
                .partitions(properties.work().partitions())
                .replicas(properties.work().replicas())
                .build();
    }

    @Bean
    NewTopic socialWorkDeadLetterTopic(SocialProperties properties) {
        // Dead letters are rare and the producer picks the partition, so one is enough.
        return TopicBuilder.name(DeadLetterTopic.nameFor(SocialFanOut.TOPIC, SocialWorkListener.GROUP))
                .partitions(1)
                .replicas(properties.work().replicas())
                .build();
    }
}
