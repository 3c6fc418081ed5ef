package io.newswire.testsupport;

import io.newswire.embedded.LocalSmtpServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** The SMTP server for {@link WithSmtp}: GreenMail, shared by every test in the JVM. */
@TestConfiguration(proxyBeanMethods = false)
class SmtpInfrastructure {

    @Bean(destroyMethod = "")
    LocalSmtpServer smtpServer() {
        return RealInfrastructure.smtp();
    }

    @Bean
    DynamicPropertyRegistrar smtpProperties(LocalSmtpServer smtp) {
        return registry -> {
            registry.add("spring.mail.host", smtp::host);
            registry.add("spring.mail.port", smtp::port);
        };
    }
}
