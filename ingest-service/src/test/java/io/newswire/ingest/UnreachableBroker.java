package io.newswire.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the service at a broker address where nothing listens, with the producer's waits cut to
 * seconds: how ingest behaves while the broker is down. Every test class using it shares one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(UnreachableBroker.Configuration.class)
public @interface UnreachableBroker {

    @TestConfiguration(proxyBeanMethods = false)
    class Configuration {

        private static final int CLOSED_PORT = closedPort();

        @Bean
        DynamicPropertyRegistrar unreachableBroker() {
            return registry -> {
                registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + CLOSED_PORT);
                registry.add("spring.kafka.producer.properties.max.block.ms", () -> "2000");
                registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> "1500");
                registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> "2000");
                registry.add("newswire.ingest.publish-timeout", () -> "3s");
            };
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
