package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.testsupport.RealInfrastructure;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The story store against a real PostgreSQL: what a fan-out and a digest read back. */
class StoriesTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant RECORDED = Instant.parse("2026-11-29T10:00:05Z");

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static Stories stories;

    private final String id = UUID.randomUUID().toString();

    @BeforeAll
    static void database() {
        RealInfrastructure.Database database = RealInfrastructure.postgres();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(2);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        stories = new Stories(jdbc, JsonMapper.builder().build());
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @Test
    void publishedStoryIsReadBackWhole() {
        Article article = article(1, "Budget passes", PUBLISHED, "Politics", " Economy ", "politics");

        stories.record(ArticleEventType.PUBLISHED, article, RECORDED);

        assertThat(stories.find(id)).contains(new Stories.Story(article, false));
        assertThat(categories()).containsExactly("politics", "economy");
        assertThat(publishedAt()).isEqualTo(PUBLISHED);
    }

    @Test
    void snapshotWithoutPublicationTimeIsDatedByItsEvent() {
        stories.record(ArticleEventType.PUBLISHED, article(1, "Budget passes", null), RECORDED);

        assertThat(publishedAt()).isEqualTo(RECORDED);
    }

    @Test
    void olderSnapshotArrivingLateChangesNothing() {
        stories.record(ArticleEventType.UPDATED, article(2, "Budget passes, 52 to 48", PUBLISHED), RECORDED);
        stories.record(ArticleEventType.PUBLISHED, article(1, "Budget passes", PUBLISHED), RECORDED);

        assertThat(stories.find(id)).get().extracting(story -> story.article().title()).isEqualTo("Budget passes, 52 to 48");
    }

    @Test
    void retractionStaysThroughRedeliveriesUntilTheStoryIsPublishedAgain() {
        stories.record(ArticleEventType.PUBLISHED, article(1, "Budget passes", PUBLISHED), RECORDED);
        stories.record(ArticleEventType.RETRACTED, article(2, "Budget passes", PUBLISHED), RECORDED);
        assertThat(stories.find(id)).get().extracting(Stories.Story::retracted).isEqualTo(true);

        stories.record(ArticleEventType.PUBLISHED, article(1, "Budget passes", PUBLISHED), RECORDED);
        stories.record(ArticleEventType.RETRACTED, article(2, "Budget passes", PUBLISHED), RECORDED.plusSeconds(60));
        assertThat(stories.find(id)).get().extracting(Stories.Story::retracted).isEqualTo(true);
        assertThat(jdbc.sql("SELECT retracted_at FROM story WHERE id = :id").param("id", id)
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(RECORDED);

        // Ingest republishes a retracted article at the next version.
        stories.record(ArticleEventType.PUBLISHED, article(3, "Budget passes", PUBLISHED), RECORDED);
        assertThat(stories.find(id)).get().extracting(Stories.Story::retracted).isEqualTo(false);
    }

    @Test
    void storyNotSeenIsNotFound() {
        assertThat(stories.find(id)).isEmpty();
    }

    private Article article(long version, String title, Instant publishedAt, String... categories) {
        return new Article(id, version, URI.create("https://example.com/news/" + id), title, "What happened", "<p>x</p>",
                List.of(new Article.Author("A", null)), Arrays.asList(categories), List.of("x"), "kk", publishedAt,
                publishedAt, null);
    }

    private List<String> categories() {
        return Arrays.asList(jdbc.sql("SELECT categories FROM story WHERE id = :id").param("id", id)
                .query((rs, n) -> (String[]) rs.getArray(1).getArray()).single());
    }

    private Instant publishedAt() {
        return jdbc.sql("SELECT published_at FROM story WHERE id = :id").param("id", id)
                .query(OffsetDateTime.class).single().toInstant();
    }
}
