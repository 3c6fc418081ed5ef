package io.newswire.ingest.source;

import io.newswire.ingest.article.ArticleEditor;
import jakarta.validation.Validator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Wiring of the source feature: the store, the fetcher with its safety policy, and the polling tick. */
@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

    @Bean
    FeedSources feedSources(JdbcTemplate jdbc) {
        return new FeedSources(jdbc);
    }

    @Bean
    FeedPoller feedPoller(FeedSources sources, ArticleEditor editor, Validator validator, SourceProperties properties, Clock clock) {
        return new FeedPoller(sources, new FeedFetcher(properties.fetchPolicy()), new FeedParser(), editor, validator,
                properties, clock);
    }

    /** The scheduler's adapter: every tick, poll what is due. */
    @Component
    @ConditionalOnProperty(name = "newswire.sources.enabled", havingValue = "true", matchIfMissing = true)
    static class PollingTick {

        private final FeedPoller poller;

        PollingTick(FeedPoller poller) {
            this.poller = poller;
        }

        @Scheduled(fixedDelayString = "${newswire.sources.tick:1s}", initialDelayString = "${newswire.sources.tick:1s}")
        void tick() {
            poller.pollDue();
        }
    }
}
