package io.newswire.notify.digest;

import io.newswire.notify.newsletter.Email;
import io.newswire.notify.newsletter.MailChannel;
import io.newswire.notify.newsletter.RecipientRefusedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a digest run: walks the confirmed subscribers of the run's frequency in pages, gives each
 * the period's stories that match their topics (nobody gets an empty digest), and mails each one
 * digest at most once, through the ledger.
 *
 * <p>Failure policy lives here, not in the channel. A recipient refused for good bounces (the
 * subscriber gets nothing more); one refused for now is deferred and retried by later ticks, with
 * growing waits, without holding up the walk. Any other failure means the channel is down: the
 * walk stops, gives up its lease and the failure propagates; the next tick resumes where it
 * stopped. Addresses are never logged, subscriber ids are.
 */
class DigestDispatch {

    private static final Logger log = LoggerFactory.getLogger(DigestDispatch.class);

    private final DigestRuns runs;
    private final DigestSubscribers subscribers;
    private final DigestStories stories;
    private final DigestLedger ledger;
    private final DigestEmail digestEmail;
    private final MailChannel mail;
    private final int pageSize;
    private final int maxStories;

    DigestDispatch(DigestRuns runs, DigestSubscribers subscribers, DigestStories stories, DigestLedger ledger,
            DigestEmail digestEmail, MailChannel mail, int pageSize, int maxStories) {
        this.runs = runs;
        this.subscribers = subscribers;
        this.stories = stories;
        this.ledger = ledger;
        this.digestEmail = digestEmail;
        this.mail = mail;
        this.pageSize = pageSize;
        this.maxStories = maxStories;
    }

    /**
     * Sends the run, unless another instance is sending it or it is done. A walk that died (here
     * or elsewhere) is resumed after the last page it finished.
     *
     * @throws DigestChannelException when the mail channel failed; the next tick resumes
     */
    void dispatch(DigestPeriod period) {
        Optional<DigestRuns.Lease> taken = runs.take(period);
        if (taken.isEmpty()) {
            return;
        }
        DigestRuns.Lease lease = taken.get();
        int[] outcomes = new int[Outcome.values().length];
        try {
            UUID after = lease.resumeAfter();
            List<DigestSubscriber> page;
            do {
                // Read again for every page, so that a story retracted during a long walk leaves the rest of it.
                DigestStories.PeriodStories periodStories = stories.of(period);
                if (periodStories.isEmpty()) {
                    // Nothing was published (or everything was retracted): nobody gets a digest, no need to walk.
                    break;
                }
                page = subscribers.pageAfter(period.frequency(), after, pageSize);
                for (DigestSubscriber subscriber : page) {
                    outcomes[deliver(period, subscriber, periodStories).ordinal()]++;
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                    if (!runs.renew(lease, after)) {
                        log.warn("Digest {}: lease lost after subscriber {}; another instance goes on with it",
                                period.id(), after);
                        return;
                    }
                }
            }
            while (page.size() == pageSize);
        }
        catch (RuntimeException ex) {
            runs.release(lease);
            throw ex;
        }
        runs.dispatched(lease);
        log.info("Digest {} dispatched: {} sent, {} already handled, {} with nothing matching, {} bounced, {} deferred",
                period.id(), outcomes[Outcome.SENT.ordinal()], outcomes[Outcome.ALREADY_HANDLED.ordinal()],
                outcomes[Outcome.NOTHING_TO_SEND.ordinal()], outcomes[Outcome.BOUNCED.ordinal()],
                outcomes[Outcome.DEFERRED.ordinal()]);
    }

    /**
     * Tries again the deliveries of dispatched runs that are due another attempt: deferred ones
     * whose wait is over, and claims whose attempt died. Several instances may do this at once;
     * the ledger's claim lets only one of them send each.
     *
     * @throws DigestChannelException when the mail channel failed; the next tick tries again
     */
    void retry() {
        Map<String, Optional<DigestPeriod>> periods = new HashMap<>();
        Map<String, DigestStories.PeriodStories> periodStories = new HashMap<>();
        DigestLedger.Retry after = DigestLedger.Retry.FIRST;
        List<DigestLedger.Retry> page;
        do {
            page = ledger.dueForRetry(after, pageSize);
            for (DigestLedger.Retry retry : page) {
                Optional<DigestPeriod> period = periods.computeIfAbsent(retry.digestId(), runs::find);
                if (period.isEmpty()) {
                    continue;
                }
                DigestStories.PeriodStories matching = periodStories.computeIfAbsent(retry.digestId(),
                        id -> stories.of(period.get()));
                Outcome outcome = deliver(period.get(), retry.subscriber(), matching);
                if (outcome == Outcome.NOTHING_TO_SEND) {
                    // Every story it had was retracted meanwhile: there is nothing left to send.
                    ledger.markFailed(retry.subscriber().id(), retry.digestId());
                }
                log.info("Digest {} to subscriber {}: retried, {}", retry.digestId(), retry.subscriber().id(), outcome);
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        }
        while (page.size() == pageSize);
    }

    private Outcome deliver(DigestPeriod period, DigestSubscriber subscriber, DigestStories.PeriodStories periodStories) {
        DigestStories.Selection selection = periodStories.forTopics(subscriber.topics(), maxStories);
        if (selection.isEmpty()) {
            return Outcome.NOTHING_TO_SEND;
        }
        String digestId = period.id();
        if (!ledger.claim(subscriber.id(), digestId, digestEmail.messageId(period, subscriber.id()))) {
            return Outcome.ALREADY_HANDLED;
        }
        Email email = digestEmail.compose(period, subscriber, selection);
        try {
            mail.send(email);
        }
        catch (RecipientRefusedException ex) {
            log.warn("Subscriber {} not mailed digest {}: {}", subscriber.id(), digestId, ex.getMessage());
            if (ex.permanent()) {
                ledger.markBounced(subscriber.id(), digestId);
                return Outcome.BOUNCED;
            }
            ledger.markDeferred(subscriber.id(), digestId);
            return Outcome.DEFERRED;
        }
        catch (RuntimeException ex) {
            ledger.unclaim(subscriber.id(), digestId);
            throw new DigestChannelException(digestId, subscriber.id(), ex);
        }
        // A crash right here leaves the claim 'sending': once stale, it is sent again, with the same Message-ID.
        ledger.markSent(subscriber.id(), digestId);
        return Outcome.SENT;
    }

    private enum Outcome {
        SENT, ALREADY_HANDLED, NOTHING_TO_SEND, BOUNCED, DEFERRED
    }
}
