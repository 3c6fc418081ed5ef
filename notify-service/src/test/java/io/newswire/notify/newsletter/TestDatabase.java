package io.newswire.notify.newsletter;

import com.zaxxer.hikari.HikariDataSource;
import io.newswire.testsupport.RealInfrastructure;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shared test database, migrated, as the tests see it from outside the service. */
final class TestDatabase {

    private static JdbcClient jdbc;

    private TestDatabase() {
    }

    static synchronized JdbcClient jdbc() {
        if (jdbc == null) {
            RealInfrastructure.Database database = RealInfrastructure.postgres();
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(database.jdbcUrl());
            dataSource.setUsername(database.username());
            dataSource.setPassword(database.password());
            dataSource.setMaximumPoolSize(2);
            Flyway.configure().dataSource(dataSource).load().migrate();
            // Lives as long as the JVM, like the database itself.
            jdbc = JdbcClient.create(dataSource);
        }
        return jdbc;
    }

    /** Replaces every subscriber with {@code count} confirmed ones, {@code <prefix>-<n>@example.test}, each-story readers. */
    static void onlyConfirmedSubscribers(String prefix, int count) {
        jdbc().sql("DELETE FROM subscriber").update();
        jdbc().sql("""
                INSERT INTO subscriber (email, status, confirmed_at)
                SELECT :prefix || '-' || n || '@example.test', 'confirmed', now() FROM generate_series(1, :count) AS n""")
                .param("prefix", prefix)
                .param("count", count)
                .update();
    }
}
