package io.newswire.notify.digest;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** The clock's adapter: every {@code newswire.digest.tick}, one {@link DigestScheduler#tick} at the current time. */
class DigestTicker {

    private static final Logger log = LoggerFactory.getLogger(DigestTicker.class);

    private final DigestScheduler scheduler;
    private final Clock clock;

    DigestTicker(DigestScheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${newswire.digest.tick:30s}", initialDelayString = "${newswire.digest.tick:30s}")
    void tick() {
        try {
            scheduler.tick(clock.instant());
        }
        catch (RuntimeException ex) {
            // Nothing is lost: runs and deliveries not done are picked up by the next tick, here or elsewhere.
            log.warn("Digest tick stopped; the next one goes on from here", ex);
        }
    }
}
