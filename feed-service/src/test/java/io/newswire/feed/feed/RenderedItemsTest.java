package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedItemsTest {

    private final List<String> rendered = new ArrayList<>();
    private final RenderedItems<String> items = new RenderedItems<>(2);

    @Test
    void eachSnapshotIsRenderedOnceAndANewVersionAgain() {
        assertThat(piece(article("a", 1))).isEqualTo("a@1");
        assertThat(piece(article("a", 1))).isEqualTo("a@1");
        assertThat(piece(article("a", 2))).isEqualTo("a@2");

        assertThat(rendered).containsExactly("a@1", "a@2");
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        piece(article("a", 1));
        piece(article("b", 1));
        piece(article("a", 1));
        piece(article("c", 1));
        piece(article("a", 1));
        piece(article("b", 1));

        assertThat(items.size()).isEqualTo(2);
        assertThat(rendered).containsExactly("a@1", "b@1", "c@1", "b@1");
    }

    private String piece(Article article) {
        return items.piece(article, a -> {
            String piece = a.id() + "@" + a.version();
            rendered.add(piece);
            return piece;
        });
    }

    private static Article article(String id, long version) {
        return new Article(id, version, URI.create("https://news.example/" + id), "Story " + id, null, null,
                List.of(), List.of(), List.of(), "en", Instant.parse("2026-11-29T12:00:00Z"), null, null);
    }
}
