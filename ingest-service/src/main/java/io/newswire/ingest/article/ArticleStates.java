package io.newswire.ingest.article;

import io.newswire.events.Article;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The {@code article} table: the latest state ingest knows of each article. */
class ArticleStates {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ArticleStates(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Serializes every writer of this article, on every ingest instance, until the transaction
     * ends: the version read next is still the latest when the next one is published.
     */
    void lock(String id) {
        UUID uuid = UUID.fromString(id);
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits());
    }

    Optional<StoredArticle> find(String id) {
        return jdbc.query("""
                SELECT snapshot::text, retracted, content_hash, last_event_id, last_event_type
                FROM article WHERE id = ?""",
                (rs, row) -> new StoredArticle(json.readValue(rs.getString(1), Article.class), rs.getBoolean(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)),
                UUID.fromString(id)).stream().findFirst();
    }

    /** Stores a state unless a newer version is already stored; true if it was stored. */
    boolean save(StoredArticle state) {
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
                json.writeValueAsString(article), state.lastEventId(), state.lastEventType(),
                Timestamp.from(article.updatedAt())) > 0;
    }
}
