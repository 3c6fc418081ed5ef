package io.newswire.feed.feed;

import io.newswire.feed.article.ArticleCatalog;
import io.newswire.feed.article.ArticleReplay;
import io.newswire.feed.websub.WebSubProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
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

    @Bean
    FeedResponses feedResponses(RenderedFeeds feeds, FeedProperties properties, WebSubProperties webSub) {
        return new FeedResponses(feeds, properties, webSub.hubs());
    }

    /** First of all filters: a feed is answered before observation, encoding or MVC work (see FeedResponses). */
    @Bean
    FilterRegistrationBean<FeedServingFilter> feedServingFilter(FeedResponses responses, MeterRegistry registry) {
        FilterRegistrationBean<FeedServingFilter> registration = new FilterRegistrationBean<>(
                new FeedServingFilter(responses, new FeedRequestCounter(registry)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * A feed (about 45 KB of RSS for 50 items) leaves in one socket write rather than in 8 KB pieces,
     * Tomcat's default application write buffer.
     */
    @Bean
    TomcatConnectorCustomizer feedWriteBuffer() {
        return connector -> connector.setProperty("socket.appWriteBufSize", "65536");
    }

    /** Works with no {@link FeedChanges} adapter at all, and with several. */
    @Bean
    FeedChangeWatch feedChangeWatch(RenderedFeeds feeds, ObjectProvider<FeedChanges> ports) {
        return new FeedChangeWatch(feeds, ports::orderedStream);
    }

    @Bean
    FeedReplayHealth feedReplayHealthIndicator(ArticleReplay replay) {
        return new FeedReplayHealth(replay);
    }

    @Bean
    FeedChangeSchedule feedChangeSchedule(FeedChangeWatch watch, FeedProperties properties) {
        return new FeedChangeSchedule(watch, properties.changeCheckInterval());
    }
}
