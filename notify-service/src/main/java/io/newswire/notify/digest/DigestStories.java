package io.newswire.notify.digest;

import io.newswire.events.Article;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stories a digest is made of: those of table {@code story} published in the period and not
 * retracted, newest first. The snapshots are read without their body HTML, which no digest shows.
 */
class DigestStories {

    private static final Logger log = LoggerFactory.getLogger(DigestStories.class);

    private final JdbcClient jdbc;
    private final ObjectReader articles;

    DigestStories(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        // The contract lets the schema grow: a snapshot with fields this service does not know is still read.
        this.articles = json.readerFor(Article.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    PeriodStories of(DigestPeriod period) {
        List<Story> stories = jdbc.sql("""
                SELECT id, snapshot - 'contentHtml' AS snapshot, categories FROM story
                WHERE retracted_at IS NULL AND published_at > :start AND published_at <= :end
                ORDER BY published_at DESC, id""")
                .param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end()))
                .query((rs, row) -> {
                    String[] categories = (String[]) rs.getArray("categories").getArray();
                    return story(rs.getString("id"), rs.getString("snapshot"),
                            Arrays.stream(categories).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()));
                })
                .list();
        return new PeriodStories(stories.stream().filter(Objects::nonNull).toList());
    }

    private Story story(String id, String snapshot, Set<String> categories) {
        try {
            return new Story(articles.readValue(snapshot), categories);
        }
        catch (JacksonException ex) {
            // One unreadable snapshot must not cost every subscriber their digest.
            log.warn("Leaving story {} out of digests: its snapshot is not an article ({})", id, ex.getOriginalMessage());
            return null;
        }
    }

    /** A story and its categories, lower-cased as subscribers' topics are. */
    record Story(Article article, Set<String> categories) {
    }

    /** The stories of one period, newest first. */
    record PeriodStories(List<Story> stories) {

        boolean isEmpty() {
            return stories.isEmpty();
        }

        /**
         * The stories a subscriber with these topics gets (no topics: all of them), at most
         * {@code max}; the ones beyond are only counted.
         */
        Selection forTopics(Set<String> topics, int max) {
            List<Article> matching = stories.stream()
                    .filter(story -> topics.isEmpty() || story.categories().stream().anyMatch(topics::contains))
                    .map(Story::article)
                    .toList();
            return new Selection(matching.subList(0, Math.min(max, matching.size())), Math.max(0, matching.size() - max));
        }
    }

    /** What one subscriber's digest lists, and how many more matched. */
    record Selection(List<Article> shown, int more) {

        boolean isEmpty() {
            return shown.isEmpty();
        }
    }
}
