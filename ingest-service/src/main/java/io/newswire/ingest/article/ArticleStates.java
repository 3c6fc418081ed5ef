package io.newswire.ingest.article;

import io.newswire.events.Article;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The {@code article} table: the latest state ingest knows of each article. */
class ArticleStates {

    private static final String COLUMNS = "snapshot::text, retracted, content_hash, last_event_id, last_event_type";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ArticleStates(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static long lockKey(UUID uuid) {
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    Optional<StoredArticle> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM article WHERE id = ?", this::stored, UUID.fromString(id))
                .stream().findFirst();
    }

    /**
     * Takes the article's advisory lock, which serializes every writer of this article on every
     * ingest instance until the transaction ends, then reads its state, in one round trip
     * ({@link LockedRead}): the version read is still the latest when the next one is published.
     */
    Optional<StoredArticle> lockAndFind(String id) {
        UUID uuid = UUID.fromString(id);
        return LockedRead.query(jdbc, "SELECT pg_advisory_xact_lock(?)", "SELECT " + COLUMNS + " FROM article WHERE id = ?",
                statement -> {
                    statement.setLong(1, lockKey(uuid));
                    statement.setObject(2, uuid);
                }, this::stored);
    }

    /** The stored version, if any: a cheap check before work that only a newer version needs. */
    Optional<Long> version(String id) {
        return jdbc.queryForList("SELECT version FROM article WHERE id = ?", Long.class, UUID.fromString(id))
                .stream().findFirst();
    }

    private StoredArticle stored(ResultSet rs, int row) throws SQLException {
        return new StoredArticle(json.readValue(rs.getString(1), Article.class), rs.getBoolean(2), rs.getString(3),
                rs.getString(4), rs.getString(5));
    }

    /** Stores a state unless a newer version is already stored; true if it was stored. */
    boolean save(StoredArticle state) {
        return save(state, json.writeValueAsString(state.article()));
    }

    /** As {@link #save(StoredArticle)}, with the article's JSON already written (the event's own bytes). */
    boolean save(StoredArticle state, String snapshot) {
        Article article = state.article();
        return jdbc.update("""
                INSERT INTO article (id, version, retracted, content_hash, snapshot, last_event_id, last_event_type, updated_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, retracted = EXCLUDED.retracted,
                    content_hash = EXCLUDED.content_hash, snapshot = EXCLUDED.snapshot,
                    last_event_id = EXCLUDED.last_event_id, last_event_type = EXCLUDED.last_event_type,
                    updated_at = EXCLUDED.updated_at
                WHERE article.version < EXCLUDED.version""",
                UUID.fromString(article.id()), article.version(), state.retracted(), state.contentHash(),
                snapshot, state.lastEventId(), state.lastEventType(),
                Timestamp.from(article.updatedAt())) > 0;
    }
}
