package io.newswire.notify.newsletter;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest snapshot of every story notify has seen (table {@code story}), written from every
 * article event. A fan-out reads the story from here, not from its work record, so it mails the
 * latest correction and stops when the story is retracted; digests are made from it too.
 */
public class Stories {

    /** How many parsed snapshots {@link #find} keeps. */
    private static final int RECENT = 256;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /**
     * The snapshots {@link #find} parsed lately, with the row version they were read at: each story
     * is read once per social account and per newsletter slice, within moments, and parsing the
     * whole snapshot (the article's HTML) every time was most of the read's cost.
     */
    private final Map<String, Parsed> recent = Collections.synchronizedMap(new LinkedHashMap<>(RECENT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > RECENT;
        }
    });

    private record Parsed(String rowVersion, Article article) {
    }

    Stories(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a fan-out needs to know of a story: its latest snapshot and whether it was withdrawn. */
    public record Story(Article article, boolean retracted) {
    }

    /**
     * Records an event's snapshot, unless a newer version is already stored (a replay or a
     * redelivery of an older event changes nothing). A retraction keeps the time it was first
     * seen; a newer publication (ingest republishes a retracted article at a higher version)
     * lifts it.
     *
     * @param recordedAt when the event was recorded on the topic: the retraction time, and the
     *                   publication time of a snapshot that has none
     */
    public void record(ArticleEventType type, Article article, Instant recordedAt) {
        Instant publishedAt = article.publishedAt() != null ? article.publishedAt() : recordedAt;
        String[] categories = article.categories().stream()
                .filter(category -> category != null && !category.isBlank())
                .map(category -> category.strip().toLowerCase(Locale.ROOT))
                .distinct()
                .toArray(String[]::new);
        jdbc.sql("""
                INSERT INTO story (id, version, snapshot, categories, published_at, retracted_at)
                VALUES (:id, :version, CAST(:snapshot AS jsonb), CAST(:categories AS text[]), :publishedAt, :retractedAt)
                ON CONFLICT (id) DO UPDATE SET
                    version = EXCLUDED.version,
                    snapshot = EXCLUDED.snapshot,
                    categories = EXCLUDED.categories,
                    published_at = EXCLUDED.published_at,
                    retracted_at = CASE
                        WHEN EXCLUDED.retracted_at IS NOT NULL THEN coalesce(story.retracted_at, EXCLUDED.retracted_at)
                        WHEN EXCLUDED.version > story.version THEN NULL
                        ELSE story.retracted_at END
                WHERE EXCLUDED.version >= story.version""")
                .param("id", article.id())
                .param("version", article.version())
                .param("snapshot", json.writeValueAsString(article))
                .param("categories", categories)
                .param("publishedAt", OffsetDateTime.ofInstant(publishedAt, ZoneOffset.UTC))
                .param("retractedAt", type == ArticleEventType.RETRACTED ? OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC) : null,
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /** The story as last recorded, if notify has seen it. Public for the social dispatcher. */
    public Optional<Story> find(String id) {
        Parsed known = recent.get(id);
        // xmin is the transaction that last wrote the row: any write since (a newer version, a
        // retraction, a replay) changes it, and then the snapshot is sent and parsed again.
        return jdbc.sql("""
                SELECT xmin::text AS row_version, retracted_at IS NOT NULL AS retracted,
                    CASE WHEN xmin::text = :known THEN NULL ELSE snapshot::text END AS snapshot
                FROM story WHERE id = :id""")
                .param("id", id)
                .param("known", known == null ? "" : known.rowVersion())
                .query((rs, row) -> {
                    String snapshot = rs.getString("snapshot");
                    Article article = snapshot == null ? known.article() : json.readValue(snapshot, Article.class);
                    if (snapshot != null) {
                        recent.put(id, new Parsed(rs.getString("row_version"), article));
                    }
                    return new Story(article, rs.getBoolean("retracted"));
                })
                .optional();
    }

    /** The stories published since then and not retracted, oldest first (a social account's backfill). */
    public List<Article> publishedSince(Instant since) {
        return jdbc.sql("""
                SELECT snapshot::text FROM story WHERE retracted_at IS NULL AND published_at >= :since ORDER BY published_at""")
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query((rs, row) -> json.readValue(rs.getString(1), Article.class))
                .list();
    }
}
