package io.newswire.feed.feed;

import io.newswire.feed.article.ArticleCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the feed feature. */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    @Bean
    FeedRenderer feedRenderer(FeedProperties properties) {
        return new FeedRenderer(properties);
    }

    @Bean
    RenderedFeeds renderedFeeds(ArticleCatalog catalog, FeedRenderer renderer, FeedProperties properties) {
        return new RenderedFeeds(catalog, renderer, properties.maxItems());
    }
}
