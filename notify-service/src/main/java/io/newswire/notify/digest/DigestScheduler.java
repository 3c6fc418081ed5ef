package io.newswire.notify.digest;

import java.time.Instant;

/**
 * What one tick does, on any instance: plans the digest periods due now (once, whoever is first),
 * sends every run not yet sent (the current one, or one a crash left half-done), then retries
 * deferred deliveries. Only the period due now is ever planned, so a fresh deployment starts with
 * the current period and never mails the ones before it.
 */
class DigestScheduler {

    private final DigestSchedule schedule;
    private final DigestRuns runs;
    private final DigestDispatch dispatch;

    DigestScheduler(DigestSchedule schedule, DigestRuns runs, DigestDispatch dispatch) {
        this.schedule = schedule;
        this.runs = runs;
        this.dispatch = dispatch;
    }

    void tick(Instant now) {
        for (DigestFrequency frequency : DigestFrequency.values()) {
            runs.plan(schedule.due(frequency, now));
            for (DigestPeriod period : runs.undispatched(frequency)) {
                dispatch.dispatch(period);
            }
        }
        dispatch.retry();
    }
}
