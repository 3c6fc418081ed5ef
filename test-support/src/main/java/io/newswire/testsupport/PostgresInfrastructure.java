package io.newswire.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The database for {@link WithPostgres}: a container with {@code @ServiceConnection}, or embedded PostgreSQL. */
@TestConfiguration(proxyBeanMethods = false)
class PostgresInfrastructure {

    @Bean(destroyMethod = "")
    @ServiceConnection
    @Conditional(DockerCondition.Available.class)
    PostgreSQLContainer postgresContainer() {
        return RealInfrastructure.postgresContainer();
    }

    @Bean
    @Conditional(DockerCondition.Unavailable.class)
    DynamicPropertyRegistrar embeddedPostgres() {
        return registry -> {
            registry.add("spring.datasource.url", () -> RealInfrastructure.postgres().jdbcUrl());
            registry.add("spring.datasource.username", () -> RealInfrastructure.postgres().username());
            registry.add("spring.datasource.password", () -> RealInfrastructure.postgres().password());
        };
    }
}
