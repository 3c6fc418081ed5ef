package io.newswire.feed.feed;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Down until the article topic has been read to its end once after start: until then the feeds
 * lack articles, and an instance serving them would disagree with the others. Part of readiness.
 */
class FeedReplayHealth extends AbstractHealthIndicator {

    private final FeedChangeWatch watch;

    FeedReplayHealth(FeedChangeWatch watch) {
        this.watch = watch;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (watch.isCaughtUp()) {
            builder.up();
        }
        else {
            builder.down().withDetail("reason", "still reading the article topic from its start");
        }
    }
}
