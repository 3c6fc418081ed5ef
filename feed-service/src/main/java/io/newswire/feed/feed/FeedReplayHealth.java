package io.newswire.feed.feed;

import io.newswire.feed.article.ArticleReplay;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Down until the article topic has been read to its end once after start: until then the feeds
 * lack articles, and an instance serving them would disagree with the others. Part of readiness.
 *
 * <p>It asks the replay itself, not {@link FeedChangeWatch}: the watch then still takes note of every
 * feed as the baseline for WebSub announcements, which the feeds served do not wait for.
 */
class FeedReplayHealth extends AbstractHealthIndicator {

    private final ArticleReplay replay;

    FeedReplayHealth(ArticleReplay replay) {
        this.replay = replay;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (replay.isOver()) {
            builder.up();
        }
        else {
            builder.down().withDetail("reason", "still reading the article topic from its start");
        }
    }
}
