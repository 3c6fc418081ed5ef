package io.newswire.feed.feed;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Runs {@link FeedChangeWatch} every {@code newswire.feed.change-check-interval}, which is what
 * batches changes: all that arrived within one interval are reported together. The end of the
 * replay at start is marked once each of the article listener's consumers has been idle (no
 * record for {@code spring.kafka.listener.idle-event-interval}).
 */
class FeedChangeSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedChangeSchedule.class);

    private final FeedChangeWatch watch;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private final Set<Object> idleConsumers = Collections.newSetFromMap(new IdentityHashMap<>());

    FeedChangeSchedule(FeedChangeWatch watch, Duration interval) {
        this.watch = watch;
        this.interval = interval;
    }

    // The service has one listener container, the article topic's, so any idle container is one of its
    // consumers. Each reads a share of the partitions; the replay is over when every one has been idle.
    @EventListener
    void on(ListenerContainerIdleEvent event) {
        synchronized (idleConsumers) {
            idleConsumers.add(event.getSource());
            if (idleConsumers.size() >= consumers(event)) {
                watch.caughtUp();
            }
        }
    }

    private static int consumers(ListenerContainerIdleEvent event) {
        // The parent of the consumer that went idle, when there are several.
        MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
        return container instanceof ConcurrentMessageListenerContainer<?, ?> parent ? parent.getContainers().size() : 1;
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
