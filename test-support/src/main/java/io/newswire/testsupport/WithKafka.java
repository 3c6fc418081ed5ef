package io.newswire.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/** Gives a Spring Boot test a real Kafka broker ({@code spring.kafka.bootstrap-servers} points at it). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(KafkaInfrastructure.class)
public @interface WithKafka {
}
