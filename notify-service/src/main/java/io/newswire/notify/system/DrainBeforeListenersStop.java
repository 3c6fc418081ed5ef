package io.newswire.notify.system;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Drains a dispatcher before the Kafka listener containers stop (a higher phase stops earlier): no
 * new external effect (an email, a post) starts, the ones in flight finish and are recorded in their
 * ledger, and the records being worked on fail with their offsets uncommitted, so the containers
 * then stop at once and the work is finished after the restart. Draining here, not in the
 * containers' phase, keeps the database and the outbound connections open until every effect in
 * flight is recorded; a graceful stop thus never leaves a claim unmarked that the next start would
 * act on again.
 *
 * <p>The timeouts: {@code drain} is synchronous and bounded by the feature's own drain timeout
 * (longer than one send or call can take with its client's timeouts), not by the lifecycle's phase
 * timeout. When it returns, the consumer threads are in the error handler's back-off, which ends as
 * soon as their containers stop, so the containers' phase ({@code spring.lifecycle.timeout-per-shutdown-phase})
 * and their own shutdown timeout are never the limit.
 */
public final class DrainBeforeListenersStop implements SmartLifecycle {

    private final Runnable resume;
    private final Runnable drain;
    private volatile boolean running;

    /**
     * @param resume lets the dispatcher start effects again (on start, and on a restart of the context)
     * @param drain  stops new effects and waits, bounded, for those in flight to be recorded
     */
    public DrainBeforeListenersStop(Runnable resume, Runnable drain) {
        this.resume = resume;
        this.drain = drain;
    }

    @Override
    public void start() {
        resume.run();
        running = true;
    }

    @Override
    public void stop() {
        drain.run();
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
