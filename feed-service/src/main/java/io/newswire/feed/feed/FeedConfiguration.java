package io.newswire.feed.feed;

import io.newswire.feed.article.ArticleCatalog;
import io.newswire.feed.websub.WebSubProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the feed feature. */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    @Bean
    RenderedFeeds renderedFeeds(ArticleCatalog catalog, FeedProperties properties, WebSubProperties webSub) {
        return new RenderedFeeds(catalog, properties, new FeedRenderer(properties, webSub.hubs()),
                new JsonFeedRenderer(properties, webSub.hubs()), new FeedIndexRenderer(properties));
    }

    /** Works with no {@link FeedChanges} adapter at all, and with several. */
    @Bean
    FeedChangeWatch feedChangeWatch(RenderedFeeds feeds, ObjectProvider<FeedChanges> ports) {
        return new FeedChangeWatch(feeds, ports::orderedStream);
    }

    @Bean
    FeedReplayHealth feedReplayHealthIndicator(FeedChangeWatch watch) {
        return new FeedReplayHealth(watch);
    }

    @Bean
    FeedChangeSchedule feedChangeSchedule(FeedChangeWatch watch, FeedProperties properties) {
        return new FeedChangeSchedule(watch, properties.changeCheckInterval());
    }
}
