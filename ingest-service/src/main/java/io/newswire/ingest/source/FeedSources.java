package io.newswire.ingest.source;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code feed_source} and {@code source_item} tables: sources, their polling state and their items' articles. */
class FeedSources {

    private static final String SELECT = """
            SELECT s.id, s.url, s.poll_interval_seconds, s.default_categories, s.created_at, s.etag, s.last_modified,
                   s.last_fetch_at, s.last_status, s.last_error,
                   (SELECT count(*) FROM source_item i WHERE i.source_id = s.id) AS items_seen,
                   s.next_fetch_at, s.consecutive_errors
            FROM feed_source s""";

    private final JdbcTemplate jdbc;

    FeedSources(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a source, due at once; empty if one with the same URL exists. */
    Optional<FeedSource> add(URI url, Duration interval, List<String> defaultCategories) {
        try {
            UUID id = jdbc.queryForObject("""
                    INSERT INTO feed_source (url, poll_interval_seconds, default_categories)
                    VALUES (?, ?, ?) RETURNING id""", UUID.class,
                    url.toString(), (int) interval.toSeconds(), defaultCategories.toArray(String[]::new));
            return find(id.toString());
        }
        catch (DuplicateKeyException ex) {
            return Optional.empty();
        }
    }

    Optional<FeedSource> find(String id) {
        return jdbc.query(SELECT + " WHERE s.id = ?", FeedSources::map, UUID.fromString(id)).stream().findFirst();
    }

    Optional<FeedSource> findByUrl(URI url) {
        return jdbc.query(SELECT + " WHERE s.url = ?", FeedSources::map, url.toString()).stream().findFirst();
    }

    List<FeedSource> all() {
        return jdbc.query(SELECT + " ORDER BY s.created_at", FeedSources::map);
    }

    boolean remove(String id) {
        return jdbc.update("DELETE FROM feed_source WHERE id = ?", UUID.fromString(id)) > 0;
    }

    /**
     * Takes up to {@code limit} due sources for this instance: each is pushed {@code lease} into
     * the future so no other instance takes it meanwhile (SKIP LOCKED: instances never wait on each
     * other), and comes back by itself if this instance dies before recording the outcome.
     */
    List<FeedSource> takeDue(int limit, Duration lease) {
        List<UUID> ids = jdbc.queryForList("""
                UPDATE feed_source SET next_fetch_at = now() + make_interval(secs => ?)
                WHERE id IN (SELECT id FROM feed_source WHERE next_fetch_at <= now()
                             ORDER BY next_fetch_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id""", UUID.class, (double) lease.toSeconds(), limit);
        return ids.stream().map(id -> find(id.toString())).flatMap(Optional::stream).toList();
    }

    void recordSuccess(String id, int status, String etag, Instant lastModified, Instant next) {
        jdbc.update("""
                UPDATE feed_source SET last_fetch_at = now(), last_status = ?, last_error = NULL, consecutive_errors = 0,
                    etag = ?, last_modified = ?, next_fetch_at = ?
                WHERE id = ?""",
                status, etag, lastModified == null ? null : Timestamp.from(lastModified), Timestamp.from(next), UUID.fromString(id));
    }

    /** A failed poll keeps the conditional-GET validators, so the next poll refetches in full. */
    void recordFailure(String id, Integer status, String error, int consecutiveErrors, Instant next) {
        jdbc.update("""
                UPDATE feed_source SET last_fetch_at = now(), last_status = ?, last_error = ?, consecutive_errors = ?,
                    etag = NULL, last_modified = NULL, next_fetch_at = ?
                WHERE id = ?""",
                status, error, consecutiveErrors, Timestamp.from(next), UUID.fromString(id));
    }

    Optional<String> articleFor(String sourceId, String itemKey) {
        return jdbc.queryForList("SELECT article_id FROM source_item WHERE source_id = ? AND item_key = ?", UUID.class,
                UUID.fromString(sourceId), itemKey).stream().findFirst().map(UUID::toString);
    }

    void rememberItem(String sourceId, String itemKey, String articleId) {
        jdbc.update("""
                INSERT INTO source_item (source_id, item_key, article_id) VALUES (?, ?, ?)
                ON CONFLICT (source_id, item_key) DO UPDATE SET article_id = EXCLUDED.article_id""",
                UUID.fromString(sourceId), itemKey, UUID.fromString(articleId));
    }

    private static FeedSource map(ResultSet rs, int row) throws SQLException {
        Array categories = rs.getArray("default_categories");
        return new FeedSource(
                rs.getString("id"),
                URI.create(rs.getString("url")),
                Duration.ofSeconds(rs.getInt("poll_interval_seconds")),
                categories == null ? List.of() : Arrays.asList((String[]) categories.getArray()),
                instant(rs, "created_at"),
                rs.getString("etag"),
                instant(rs, "last_modified"),
                instant(rs, "last_fetch_at"),
                (Integer) rs.getObject("last_status"),
                rs.getString("last_error"),
                rs.getLong("items_seen"),
                instant(rs, "next_fetch_at"),
                rs.getInt("consecutive_errors"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
