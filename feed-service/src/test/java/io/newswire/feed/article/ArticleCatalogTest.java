package io.newswire.feed.article;

import static io.newswire.events.ArticleEventType.PUBLISHED;
import static io.newswire.events.ArticleEventType.RETRACTED;
import static io.newswire.events.ArticleEventType.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswire.events.Article;
import io.newswire.feed.article.ArticleCatalog.Outcome;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleCatalogTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    private final ArticleCatalog catalog = new ArticleCatalog();

    @Test
    void publishedArticleIsListed() {
        assertThat(catalog.apply(PUBLISHED, article("a", 1, "First", NOON))).isEqualTo(Outcome.SHOWN);

        assertThat(titles()).containsExactly("First");
    }

    @Test
    void newerSnapshotReplacesTheOneHeld() {
        catalog.apply(PUBLISHED, article("a", 1, "First", NOON));

        catalog.apply(UPDATED, article("a", 2, "First, corrected", NOON));

        assertThat(titles()).containsExactly("First, corrected");
    }

    @Test
    void staleOrRedeliveredSnapshotChangesNothing() {
        catalog.apply(PUBLISHED, article("a", 2, "Second version", NOON));
        long revision = catalog.revision();

        assertThat(catalog.apply(UPDATED, article("a", 1, "First version", NOON))).isEqualTo(Outcome.STALE);
        assertThat(catalog.apply(UPDATED, article("a", 2, "Redelivered", NOON))).isEqualTo(Outcome.STALE);

        assertThat(titles()).containsExactly("Second version");
        assertThat(catalog.revision()).isEqualTo(revision);
    }

    @Test
    void retractionRemovesTheArticle() {
        catalog.apply(PUBLISHED, article("a", 1, "Wrong story", NOON));
        catalog.apply(PUBLISHED, article("b", 1, "Right story", NOON.minusSeconds(60)));

        assertThat(catalog.apply(RETRACTED, article("a", 2, "Wrong story", NOON))).isEqualTo(Outcome.RETRACTED);

        assertThat(titles()).containsExactly("Right story");
        assertThat(catalog.size()).isEqualTo(1);
    }

    @Test
    void olderSnapshotSeenAfterRetractionDoesNotBringTheArticleBack() {
        catalog.apply(PUBLISHED, article("a", 1, "Wrong story", NOON));
        catalog.apply(RETRACTED, article("a", 2, "Wrong story", NOON));

        assertThat(catalog.apply(PUBLISHED, article("a", 1, "Wrong story", NOON))).isEqualTo(Outcome.STALE);
        assertThat(catalog.apply(UPDATED, article("a", 2, "Wrong story", NOON))).isEqualTo(Outcome.STALE);

        assertThat(titles()).isEmpty();
    }

    @Test
    void retractionSeenBeforeAnySnapshotKeepsOlderSnapshotsOut() {
        catalog.apply(RETRACTED, article("a", 3, "Wrong story", NOON));

        catalog.apply(PUBLISHED, article("a", 1, "Wrong story", NOON));

        assertThat(titles()).isEmpty();
    }

    @Test
    void retractionCarryingTheVersionItWithdrawsStillRemovesTheArticle() {
        catalog.apply(PUBLISHED, article("a", 4, "Wrong story", NOON));

        catalog.apply(RETRACTED, article("a", 4, "Wrong story", NOON));

        assertThat(titles()).isEmpty();
    }

    @Test
    void newerPublicationAfterRetractionShowsTheArticleAgain() {
        catalog.apply(PUBLISHED, article("a", 1, "Story", NOON));
        catalog.apply(RETRACTED, article("a", 2, "Story", NOON));

        catalog.apply(PUBLISHED, article("a", 3, "Story, republished", NOON));

        assertThat(titles()).containsExactly("Story, republished");
    }

    @Test
    void deletedKeyForgetsTheArticle() {
        catalog.apply(PUBLISHED, article("a", 1, "Story", NOON));

        assertThat(catalog.forget("a")).isTrue();

        assertThat(titles()).isEmpty();
    }

    @Test
    void listsNewestPublicationFirstWithIdBreakingTies() {
        catalog.apply(PUBLISHED, article("b", 1, "Noon b", NOON));
        catalog.apply(PUBLISHED, article("c", 1, "Morning", NOON.minusSeconds(3600)));
        catalog.apply(PUBLISHED, article("a", 1, "Noon a", NOON));
        catalog.apply(PUBLISHED, article("d", 1, "Afternoon", NOON.plusSeconds(3600)));

        assertThat(titles()).containsExactly("Afternoon", "Noon a", "Noon b", "Morning");
        assertThat(catalog.newest(2).articles()).extracting(Article::title).containsExactly("Afternoon", "Noon a");
    }

    @Test
    void updateThatMovesThePublicationTimeReordersTheList() {
        catalog.apply(PUBLISHED, article("a", 1, "A", NOON));
        catalog.apply(PUBLISHED, article("b", 1, "B", NOON.minusSeconds(60)));

        catalog.apply(UPDATED, article("b", 2, "B", NOON.plusSeconds(60)));

        assertThat(titles()).containsExactly("B", "A");
        assertThat(catalog.size()).isEqualTo(2);
    }

    @Test
    void revisionGrowsOnlyWhenWhatIsListedChanges() {
        long start = catalog.revision();
        catalog.apply(RETRACTED, article("never-shown", 1, "Gone", NOON));
        assertThat(catalog.revision()).isEqualTo(start);

        catalog.apply(PUBLISHED, article("a", 1, "A", NOON));
        assertThat(catalog.revision()).isGreaterThan(start);
        assertThat(catalog.newest(10).revision()).isEqualTo(catalog.revision());
    }

    @Test
    void snapshotMissingWhatTheContractRequiresIsRefused() {
        Article untitled = new Article("a", 1, URI.create("https://news.example/a"), null, null, null, null, null,
                null, "en", NOON, NOON, null);
        Article anonymous = new Article(" ", 1, URI.create("https://news.example/x"), "No id", null, null, null, null,
                null, "en", NOON, NOON, null);

        assertThatThrownBy(() -> catalog.apply(PUBLISHED, untitled)).isInstanceOf(InvalidArticleException.class);
        assertThatThrownBy(() -> catalog.apply(PUBLISHED, anonymous)).isInstanceOf(InvalidArticleException.class);
        assertThat(titles()).isEmpty();
    }

    private List<String> titles() {
        return catalog.newest(Integer.MAX_VALUE).articles().stream().map(Article::title).toList();
    }

    private static Article article(String id, long version, String title, Instant publishedAt) {
        return new Article(id, version, URI.create("https://news.example/" + id), title, null, null, List.of(),
                List.of(), List.of(), "en", publishedAt, publishedAt.plusSeconds(version), null);
    }
}
