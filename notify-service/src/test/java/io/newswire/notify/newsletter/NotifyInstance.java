package io.newswire.notify.newsletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswire.notify.NotifyApplication;
import io.newswire.testsupport.RealInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One notify-service instance, started as the real Spring Boot application against the shared
 * broker and database, and a given SMTP server; closing it is a graceful shutdown. Several may run
 * at once: they join the same consumer group, as instances in production do.
 */
final class NotifyInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private NotifyInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param smtpPort the SMTP server on 127.0.0.1 to send through
     * @param settings further {@code --name=value} arguments, e.g. the throttle
     */
    static NotifyInstance start(int smtpPort, String... settings) {
        RealInfrastructure.Database database = RealInfrastructure.postgres();
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafkaBootstrapServers(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort));
        args.addAll(List.of(settings));
        return new NotifyInstance(new SpringApplicationBuilder(NotifyApplication.class).run(args.toArray(String[]::new)));
    }

    /** This instance's count of {@code newswire.newsletter.emails} with the given outcome. */
    double emails(String outcome) {
        Counter counter = context.getBean(MeterRegistry.class).find("newswire.newsletter.emails").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        context.close();
    }
}
