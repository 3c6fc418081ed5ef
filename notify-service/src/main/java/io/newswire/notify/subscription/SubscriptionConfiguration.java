package io.newswire.notify.subscription;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wiring of the subscription feature. */
@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

    @Bean
    SubscriberTokens subscriberTokens(SubscriptionProperties properties, Clock clock) {
        return new SubscriberTokens(properties.tokenSecret(), clock);
    }

    @Bean
    Unsubscriptions unsubscriptions(JdbcClient jdbc) {
        return new Unsubscriptions(jdbc);
    }
}
