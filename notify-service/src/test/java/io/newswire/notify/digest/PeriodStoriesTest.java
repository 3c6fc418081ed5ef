package io.newswire.notify.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeriodStoriesTest {

    private final Article budget = DigestEmailTest.story("Budget passes", "politics");
    private final Article match = DigestEmailTest.story("Cup final", "sport");
    private final Article vote = DigestEmailTest.story("Vote delayed", "politics");
    private final DigestStories.PeriodStories stories = new DigestStories.PeriodStories(List.of(
            new DigestStories.Story(budget, Set.of("politics")),
            new DigestStories.Story(match, Set.of("sport", "football")),
            new DigestStories.Story(vote, Set.of("politics", "world"))));

    @Test
    void noTopicsMeansEveryStoryInOrder() {
        assertThat(stories.forTopics(Set.of(), 50).shown()).containsExactly(budget, match, vote);
    }

    @Test
    void topicsPickTheStoriesInAnyOfThem() {
        assertThat(stories.forTopics(Set.of("football"), 50).shown()).containsExactly(match);
        assertThat(stories.forTopics(Set.of("world", "sport"), 50).shown()).containsExactly(match, vote);
        assertThat(stories.forTopics(Set.of("science"), 50).isEmpty()).isTrue();
    }

    @Test
    void storiesBeyondTheCapAreOnlyCounted() {
        DigestStories.Selection selection = stories.forTopics(Set.of(), 2);

        assertThat(selection.shown()).containsExactly(budget, match);
        assertThat(selection.more()).isEqualTo(1);
    }
}
