package io.newswire.notify.newsletter;

import io.newswire.events.Article;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a published story to every confirmed subscriber, at most once each. The subscriber list
 * is walked in pages; each delivery is claimed in the ledger before the email goes out and marked
 * after, so an event that arrives again (redelivery, retry, replay) skips whoever already has the
 * story and finishes the rest.
 *
 * <p>Failure policy lives here, not in the channel. A recipient refused for good is recorded as
 * failed and the walk goes on. A recipient refused for now does not hold up the others: the walk
 * goes on and then fails, so the record is retried for the deferred ones. Any other failure means
 * the channel is down: the walk stops and the failure propagates, so the record is retried with
 * growing waits (and dead-lettered in the end). Addresses are never logged, subscriber ids are.
 */
public class NewsletterDispatch {

    private static final Logger log = LoggerFactory.getLogger(NewsletterDispatch.class);

    private final ConfirmedSubscribers subscribers;
    private final DeliveryLedger ledger;
    private final StoryEmail storyEmail;
    private final MailChannel mail;
    private final NewsletterProperties properties;
    private final Clock clock;

    NewsletterDispatch(ConfirmedSubscribers subscribers, DeliveryLedger ledger, StoryEmail storyEmail,
            MailChannel mail, NewsletterProperties properties, Clock clock) {
        this.subscribers = subscribers;
        this.ledger = ledger;
        this.storyEmail = storyEmail;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends the story of a {@code published} event.
     *
     * @param article    the published snapshot
     * @param recordedAt when the event was recorded on the topic
     * @throws DeferredDeliveriesException when some recipients asked to be tried later
     */
    public void storyPublished(Article article, Instant recordedAt) {
        if (recordedAt.isBefore(clock.instant().minus(properties.staleAfter()))) {
            log.info("Not mailing article {}: its published event is from {}, older than {}", article.id(),
                    recordedAt, properties.staleAfter());
            return;
        }
        int[] outcomes = new int[Outcome.values().length];
        UUID after = null;
        List<Subscriber> page;
        do {
            page = subscribers.pageAfter(after, properties.pageSize());
            for (Subscriber subscriber : page) {
                outcomes[deliver(article, subscriber).ordinal()]++;
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        }
        while (page.size() == properties.pageSize());
        log.info("Mailed article {}: {} sent, {} already handled, {} refused, {} deferred", article.id(),
                outcomes[Outcome.SENT.ordinal()], outcomes[Outcome.ALREADY_HANDLED.ordinal()],
                outcomes[Outcome.REFUSED.ordinal()], outcomes[Outcome.DEFERRED.ordinal()]);
        if (outcomes[Outcome.DEFERRED.ordinal()] > 0) {
            throw new DeferredDeliveriesException(article.id(), outcomes[Outcome.DEFERRED.ordinal()]);
        }
    }

    private Outcome deliver(Article article, Subscriber subscriber) {
        Email email = storyEmail.compose(article, subscriber);
        if (!ledger.claim(subscriber.id(), article.id(), email.messageId())) {
            return Outcome.ALREADY_HANDLED;
        }
        try {
            mail.send(email);
        }
        catch (RecipientRefusedException ex) {
            log.warn("Subscriber {} not mailed article {}: {}", subscriber.id(), article.id(), ex.getMessage());
            if (!ex.permanent()) {
                // The claim stays 'sending', so the retry of the record claims it again.
                return Outcome.DEFERRED;
            }
            ledger.markFailed(subscriber.id(), article.id(), email.messageId());
            return Outcome.REFUSED;
        }
        // A crash right here leaves the claim 'sending': the next attempt sends again, with the same Message-ID.
        ledger.markSent(subscriber.id(), article.id(), email.messageId());
        return Outcome.SENT;
    }

    private enum Outcome {
        SENT, ALREADY_HANDLED, REFUSED, DEFERRED
    }
}
