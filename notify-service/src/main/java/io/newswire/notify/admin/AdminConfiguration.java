package io.newswire.notify.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/** Wiring of the admin API's plain classes. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    NewsletterStatistics newsletterStatistics(JdbcClient jdbc) {
        return new NewsletterStatistics(jdbc);
    }

    /** The service's own Kafka settings (Boot's, with its connection details applied) are where the broker is. */
    @Bean
    DeadLetters deadLetters(ConsumerFactory<?, ?> consumers, ProducerFactory<?, ?> producers) {
        return new DeadLetters(consumers.getConfigurationProperties(), producers.getConfigurationProperties());
    }
}
