package io.newswire.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Gives a Spring Boot test a real SMTP server ({@code spring.mail.host} and {@code spring.mail.port}
 * point at it); inject {@link io.newswire.embedded.LocalSmtpServer} to read what it received.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SmtpInfrastructure.class)
public @interface WithSmtp {
}
