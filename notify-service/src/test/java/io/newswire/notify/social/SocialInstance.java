package io.newswire.notify.social;

import com.zaxxer.hikari.HikariDataSource;
import io.newswire.notify.NotifyApplication;
import io.newswire.testsupport.RealInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One notify-service instance, the real application against the shared broker, database and SMTP
 * server, with the social accounts a test gives it; closing it is a graceful shutdown. Tests that
 * use it start instances of their own in group notify-service, so they are tagged own-instances.
 */
final class SocialInstance implements AutoCloseable {

    private static JdbcClient jdbc;

    private final ConfigurableApplicationContext context;

    private SocialInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param settings {@code --name=value} arguments: the accounts, rate limits */
    static SocialInstance start(List<String> settings) {
        RealInfrastructure.Database database = RealInfrastructure.postgres();
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafkaBootstrapServers(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + RealInfrastructure.smtp().port()));
        args.addAll(settings);
        return new SocialInstance(new SpringApplicationBuilder(NotifyApplication.class).run(args.toArray(String[]::new)));
    }

    /** The instance's HTTP port. */
    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The shared test database as the tests see it from outside the service, migrated. */
    static synchronized JdbcClient database() {
        if (jdbc == null) {
            RealInfrastructure.Database database = RealInfrastructure.postgres();
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(database.jdbcUrl());
            dataSource.setUsername(database.username());
            dataSource.setPassword(database.password());
            dataSource.setMaximumPoolSize(2);
            Flyway.configure().dataSource(dataSource).load().migrate();
            jdbc = JdbcClient.create(dataSource);
        }
        return jdbc;
    }

    @Override
    public void close() {
        context.close();
    }
}
