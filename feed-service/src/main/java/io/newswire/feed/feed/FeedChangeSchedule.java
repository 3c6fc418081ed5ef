package io.newswire.feed.feed;

import io.newswire.feed.article.ArticleTopicReplayed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * Runs {@link FeedChangeWatch} every {@code newswire.feed.change-check-interval}, which is what
 * batches changes: all that arrived within one interval are reported together. The end of the
 * replay at start ({@link ArticleTopicReplayed}) is what turns reporting on.
 */
class FeedChangeSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedChangeSchedule.class);

    private final FeedChangeWatch watch;
    private final Duration interval;
    private ScheduledExecutorService executor;

    FeedChangeSchedule(FeedChangeWatch watch, Duration interval) {
        this.watch = watch;
        this.interval = interval;
    }

    @EventListener
    void on(ArticleTopicReplayed event) {
        watch.caughtUp();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "feed-changes");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            watch.check();
        }
        catch (RuntimeException ex) {
            // A failed check must not end the schedule; the next one compares against the last good state.
            log.warn("Checking feeds for changes failed", ex);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
