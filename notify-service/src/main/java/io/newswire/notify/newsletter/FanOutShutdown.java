package io.newswire.notify.newsletter;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Stops the fan-out before the Kafka listener containers stop (a higher phase stops earlier): no
 * new email starts, the ones in flight are sent and marked, and the slices being walked fail with
 * their offsets uncommitted, so that the containers then stop at once and the slices are finished
 * after the restart. Waiting here, not in the containers' phase, keeps the database and the SMTP
 * connections open until every email in flight is recorded.
 *
 * <p>The timeouts: this stop is synchronous and bounded by {@code fan-out.drain-timeout} (30 s,
 * longer than one send can take with the SMTP timeouts), not by the lifecycle's phase timeout.
 * When it returns, the consumer threads are in the error handler's back-off, which ends as soon as
 * their containers stop, so the containers' phase (30 s, {@code spring.lifecycle.timeout-per-shutdown-phase})
 * and their own shutdown timeout (10 s) are never the limit.
 */
class FanOutShutdown implements SmartLifecycle {

    private final NewsletterDispatch dispatch;
    private volatile boolean running;

    FanOutShutdown(NewsletterDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void start() {
        dispatch.resumeSending();
        running = true;
    }

    /** Blocks for at most {@code newswire.newsletter.fan-out.drain-timeout}. */
    @Override
    public void stop() {
        dispatch.stopSending();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE + 1;
    }
}
