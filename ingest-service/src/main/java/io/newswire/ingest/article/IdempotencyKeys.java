package io.newswire.ingest.article;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remembered answers to requests sent with an {@code Idempotency-Key}, per API client, so a
 * client that retries after a lost answer gets the original answer and publishes nothing new.
 */
class IdempotencyKeys {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Duration retention;

    IdempotencyKeys(JdbcTemplate jdbc, JsonMapper json, Duration retention) {
        this.jdbc = jdbc;
        this.json = json;
        this.retention = retention;
    }

    /** Serializes concurrent requests with the same key until the transaction ends. */
    void lock(String client, String key) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", client + "\n" + key);
    }

    /** The remembered answer, if this client used this key before; the request's hash must match. */
    Optional<Remembered> find(String client, String key) {
        return jdbc.query("SELECT request_hash, status, body FROM idempotency_key WHERE client = ? AND key = ?",
                (rs, row) -> new Remembered(rs.getString(1),
                        new WriteResult(rs.getInt(2), json.readValue(rs.getString(3), ArticleAccepted.class))),
                client, key).stream().findFirst();
    }

    void remember(String client, String key, String requestHash, WriteResult result) {
        jdbc.update("INSERT INTO idempotency_key (client, key, request_hash, status, body) VALUES (?, ?, ?, ?, ?)",
                client, key, requestHash, result.status(), json.writeValueAsString(result.body()));
    }

    /** Keys are promises for retries, not forever: forget them after the retention period. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetExpired() {
        jdbc.update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }

    record Remembered(String requestHash, WriteResult result) {
    }
}
