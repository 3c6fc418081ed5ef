package io.newswire.notify.social;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Stops the social dispatcher before the Kafka listener containers stop (a higher phase stops
 * earlier): no new platform call starts, and the calls in flight are answered and marked in the
 * ledger, so a graceful stop leaves no post claimed but unmarked (which the next start would post
 * again). Work records left unfinished fail with their offsets uncommitted and are done after the
 * restart. Bounded by {@code newswire.social.work.drain-timeout}, longer than one call can take
 * with the adapters' timeouts.
 */
class SocialShutdown implements SmartLifecycle {

    private final SocialDispatch dispatch;
    private volatile boolean running;

    SocialShutdown(SocialDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void start() {
        dispatch.resumePosting();
        running = true;
    }

    @Override
    public void stop() {
        dispatch.stopPosting();
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
