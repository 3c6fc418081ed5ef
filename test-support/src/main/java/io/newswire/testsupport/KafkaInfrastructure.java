package io.newswire.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.kafka.KafkaContainer;

/** The broker for {@link WithKafka}: a container with {@code @ServiceConnection}, or the embedded broker. */
@TestConfiguration(proxyBeanMethods = false)
class KafkaInfrastructure {

    // destroyMethod "": the container is shared by every context in the JVM and outlives each.
    @Bean(destroyMethod = "")
    @ServiceConnection
    @Conditional(DockerCondition.Available.class)
    KafkaContainer kafkaContainer() {
        return RealInfrastructure.kafkaContainer();
    }

    @Bean
    @Conditional(DockerCondition.Unavailable.class)
    DynamicPropertyRegistrar embeddedKafka() {
        return registry -> registry.add("spring.kafka.bootstrap-servers", RealInfrastructure::kafkaBootstrapServers);
    }
}
