package io.newswire.notify.newsletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswire.events.Article;
import io.newswire.notify.system.StoppedForShutdownException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Sends a story to the subscribers of one slice of a fan-out, at most once each. The slice is
 * walked in pages; before each page the story is read again, so a retraction stops the walk and
 * a correction is what goes out. Each page is sent by a fixed pool of sending threads, one per
 * SMTP connection, paced by the instance's {@link SendRate}; the pool never holds more than the
 * pages being walked. The story's email is rendered once per page ({@link StoryEmail#bulk},
 * {@link MailChannel#merge}); each subscriber's copy only adds their address, Message-ID and signed
 * links. A page's deliveries are claimed in the ledger (one statement) before any of its emails goes
 * out, each email is marked sent after the SMTP server accepted it (in batches, {@link SentMarks}),
 * and what the page claimed but never sent is given back when it stops; so a work record that
 * arrives again (redelivery, retry, replay, restart) skips whoever already has the story and
 * finishes the rest.
 *
 * <p>Failure policy lives here, not in the channel. An address refused for good is recorded as
 * bounced, with the subscriber, and the walk goes on. An address refused for now does not hold up
 * the others: the walk goes on and then fails, so the record is retried for the deferred ones; a
 * record dead-lettered with deliveries still deferred marks them failed ({@link #givenUp}). Any
 * other failure means the channel is down: the page stops, the emails in flight are recorded, and
 * the failure propagates, so the record is retried with growing waits (and dead-lettered in the
 * end). Addresses are never logged, subscriber ids are.
 *
 * <p>On shutdown ({@link #stopSending}) no new email starts, the ones in flight finish and are
 * marked, and the walk fails with {@link StoppedForShutdownException}, so the work record's offset
 * is not committed and the slice is done again after the restart.
 */
class NewsletterDispatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NewsletterDispatch.class);
    // Sent deliveries are marked in batches of at most this many, held for at most this long.
    private static final int MARK_BATCH = 64;
    private static final long MARK_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConfirmedSubscribers subscribers;
    private final Stories stories;
    private final DeliveryLedger ledger;
    private final StoryEmail storyEmail;
    private final MailChannel mail;
    private final int pageSize;
    private final Duration drainTimeout;
    private final SendRate rate;
    private final ExecutorService senders;
    private final Map<Outcome, Counter> emails = new EnumMap<>(Outcome.class);
    private final Object walks = new Object();
    private int activeWalks;
    private volatile boolean stopping;

    NewsletterDispatch(ConfirmedSubscribers subscribers, Stories stories, DeliveryLedger ledger, StoryEmail storyEmail,
            MailChannel mail, NewsletterProperties properties, MeterRegistry meters) {
        this.subscribers = subscribers;
        this.stories = stories;
        this.ledger = ledger;
        this.storyEmail = storyEmail;
        this.mail = mail;
        this.pageSize = properties.pageSize();
        this.drainTimeout = properties.fanOut().drainTimeout();
        this.rate = new SendRate(properties.throttle().messagesPerSecond());
        // One thread per SMTP connection: the channel's pool never makes a sender wait for one.
        this.senders = Executors.newFixedThreadPool(properties.throttle().smtpConnections(),
                new CustomizableThreadFactory("newsletter-send-"));
        for (Outcome outcome : List.of(Outcome.SENT, Outcome.DEFERRED, Outcome.BOUNCED, Outcome.FAILED)) {
            emails.put(outcome, Counter.builder("newswire.newsletter.emails")
                    .description("Newsletter emails by outcome: accepted by the SMTP server, deferred (4xx), "
                            + "bounced (5xx), failed (still deferred when the work record was dead-lettered)")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    /**
     * Sends the work's story to the subscribers of its slice.
     *
     * @throws DeferredDeliveriesException  when some recipients asked to be tried later
     * @throws StoppedForShutdownException  when the instance began to stop before the slice was done
     * @throws RuntimeException             when the mail channel or the database failed
     */
    void sendSlice(FanOutWork work) {
        enterWalk(work);
        try {
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            UUID after = null;
            while (true) {
                Optional<Stories.Story> story = stories.find(work.storyId());
                if (story.isEmpty() || story.get().retracted()) {
                    log.info("Story {}, slice {} of {}: stopped, the story is {}; {}", work.storyId(), work.slice(),
                            work.slices(), story.isEmpty() ? "unknown" : "retracted", summary(outcomes));
                    return;
                }
                List<Subscriber> page = subscribers.storyAudience(work, after, pageSize);
                sendPage(work, story.get().article(), page, outcomes);
                if (page.size() < pageSize) {
                    break;
                }
                after = page.get(page.size() - 1).id();
            }
            if (outcomes.isEmpty()) {
                log.debug("Story {}, slice {} of {}: nobody to mail", work.storyId(), work.slice(), work.slices());
            }
            else {
                log.info("Story {}, slice {} of {}: {}", work.storyId(), work.slice(), work.slices(), summary(outcomes));
            }
            int deferred = outcomes.getOrDefault(Outcome.DEFERRED, 0);
            if (deferred > 0) {
                throw new DeferredDeliveriesException(work, deferred);
            }
        }
        finally {
            leaveWalk();
        }
    }

    /** The work record was dead-lettered: what it left unfinished is recorded as failed. */
    void givenUp(FanOutWork work) {
        int failed = ledger.failUnfinished(work);
        emails.get(Outcome.FAILED).increment(failed);
        log.warn("Story {}, slice {} of {}: dead-lettered, {} deliveries failed", work.storyId(), work.slice(),
                work.slices(), failed);
    }

    /**
     * No new email starts from now on; waits until the walks in progress have stopped (their emails
     * in flight sent and marked), for at most the drain timeout.
     */
    void stopSending() {
        stopping = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        synchronized (walks) {
            for (long left = drainTimeout.toNanos(); activeWalks > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(walks, left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (activeWalks > 0) {
                log.warn("{} fan-out slices still sending after {}; their emails in flight may be sent again after "
                        + "the restart (with the same Message-ID)", activeWalks, drainTimeout);
            }
        }
    }

    /** True from {@link #stopSending} until {@link #resumeSending}. */
    boolean isStopping() {
        return stopping;
    }

    /** Sending may start again (the instance is started, or restarted in the same JVM). */
    void resumeSending() {
        stopping = false;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        senders.shutdown();
        senders.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendPage(FanOutWork work, Article article, List<Subscriber> page, Map<Outcome, Integer> outcomes) {
        List<UUID> ids = new ArrayList<>(page.size());
        List<String> messageIds = new ArrayList<>(page.size());
        for (Subscriber subscriber : page) {
            ids.add(subscriber.id());
            messageIds.add(storyEmail.messageId(article, subscriber));
        }
        // Rendered once for the page (before the claim, so a story that cannot be rendered claims
        // nobody); each subscriber's copy only fills in their own parts.
        MailChannel.Merge merge = mail.merge(storyEmail.bulk(article));
        Set<UUID> claimed = ledger.claimPage(article.id(), ids, messageIds);
        AtomicBoolean halt = new AtomicBoolean();
        List<Subscriber> sending = new ArrayList<>(claimed.size());
        List<Future<Outcome>> sends = new ArrayList<>(claimed.size());
        for (Subscriber subscriber : page) {
            if (claimed.contains(subscriber.id())) {
                sending.add(subscriber);
                sends.add(senders.submit(() -> sendPaced(article, merge, subscriber, halt)));
            }
            else {
                outcomes.merge(Outcome.ALREADY_HANDLED, 1, Integer::sum);
            }
        }
        SentMarks sent = new SentMarks(article.id());
        List<UUID> skipped = new ArrayList<>();
        RuntimeException failure = null;
        boolean interrupted = false;
        try {
            for (int i = 0; i < sends.size(); i++) {
                while (true) {
                    try {
                        Outcome outcome = sent.waitFor(sends.get(i));
                        if (outcome == null) {
                            continue;
                        }
                        outcomes.merge(outcome, 1, Integer::sum);
                        if (outcome == Outcome.SENT) {
                            sent.add(sending.get(i).id());
                        }
                        else if (outcome == Outcome.SKIPPED) {
                            skipped.add(sending.get(i).id());
                        }
                        break;
                    }
                    catch (InterruptedException ex) {
                        // Keep waiting: an email in flight must be marked before this thread lets go of the record.
                        interrupted = true;
                        halt.set(true);
                    }
                    catch (ExecutionException ex) {
                        if (failure == null) {
                            failure = ex.getCause() instanceof RuntimeException runtime ? runtime
                                    : new IllegalStateException("Sending story " + article.id() + " failed", ex.getCause());
                        }
                        break;
                    }
                }
            }
        }
        finally {
            // Whatever stopped the page, what was sent is recorded and what was never tried is given back.
            sent.flush();
            ledger.release(article.id(), skipped);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            log.warn("Story {}, slice {} of {}: stopped by a failure; {}", work.storyId(), work.slice(), work.slices(),
                    summary(outcomes));
            throw failure;
        }
        if (stopping || interrupted) {
            log.info("Story {}, slice {} of {}: interrupted by shutdown, to be finished after the restart; {}",
                    work.storyId(), work.slice(), work.slices(), summary(outcomes));
            throw new StoppedForShutdownException("Story " + work.storyId() + ", slice " + work.slice()
                    + " interrupted by shutdown");
        }
    }

    /** On a sending thread: waits for the instance's rate, then delivers, unless the page was stopped meanwhile. */
    private Outcome sendPaced(Article article, MailChannel.Merge merge, Subscriber subscriber, AtomicBoolean halt) {
        if (stopping || halt.get()) {
            return Outcome.SKIPPED;
        }
        rate.acquire();
        if (stopping || halt.get()) {
            return Outcome.SKIPPED;
        }
        try {
            return deliver(article, merge, subscriber);
        }
        catch (RuntimeException ex) {
            // The channel or the database is failing: the rest of the page would fail the same way.
            halt.set(true);
            throw ex;
        }
    }

    /** Sends a claimed delivery; a sent one is marked by the page's walk ({@link SentMarks}), a refused one here. */
    private Outcome deliver(Article article, MailChannel.Merge merge, Subscriber subscriber) {
        try {
            merge.send(storyEmail.copy(article, subscriber));
        }
        catch (RecipientRefusedException ex) {
            log.warn("Subscriber {} not mailed story {}: {}", subscriber.id(), article.id(), ex.getMessage());
            if (ex.permanent()) {
                ledger.markBounced(subscriber.id(), article.id());
                emails.get(Outcome.BOUNCED).increment();
                return Outcome.BOUNCED;
            }
            ledger.markDeferred(subscriber.id(), article.id());
            emails.get(Outcome.DEFERRED).increment();
            return Outcome.DEFERRED;
        }
        return Outcome.SENT;
    }

    /**
     * The sent deliveries of a page not yet marked, marked together: a statement per batch instead of
     * one per email. A crash before a batch is marked leaves its claims 'sending', and the next
     * attempt sends them again, with the same Message-IDs; so a batch is kept small, and short-lived.
     */
    private final class SentMarks {

        private final String articleId;
        private final List<UUID> pending = new ArrayList<>(MARK_BATCH);
        private long oldest;

        SentMarks(String articleId) {
            this.articleId = articleId;
        }

        void add(UUID subscriberId) {
            if (pending.isEmpty()) {
                oldest = System.nanoTime();
            }
            pending.add(subscriberId);
            if (pending.size() >= MARK_BATCH) {
                flush();
            }
        }

        /** The send's outcome; null when marks were held too long meanwhile, and are marked now. */
        Outcome waitFor(Future<Outcome> send) throws InterruptedException, ExecutionException {
            if (pending.isEmpty()) {
                return send.get();
            }
            try {
                return send.get(Math.max(0, oldest + MARK_DELAY_NANOS - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException ex) {
                flush();
                return null;
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            ledger.markSent(articleId, pending);
            emails.get(Outcome.SENT).increment(pending.size());
            pending.clear();
        }
    }

    private static String summary(Map<Outcome, Integer> outcomes) {
        return outcomes.getOrDefault(Outcome.SENT, 0) + " sent, " + outcomes.getOrDefault(Outcome.DEFERRED, 0) + " deferred, "
                + outcomes.getOrDefault(Outcome.BOUNCED, 0) + " bounced, " + outcomes.getOrDefault(Outcome.ALREADY_HANDLED, 0)
                + " already handled, " + outcomes.getOrDefault(Outcome.SKIPPED, 0) + " left for later";
    }

    private void enterWalk(FanOutWork work) {
        synchronized (walks) {
            if (stopping) {
                throw new StoppedForShutdownException("Story " + work.storyId() + ", slice " + work.slice()
                        + " not started: shutting down");
            }
            activeWalks++;
        }
    }

    private void leaveWalk() {
        synchronized (walks) {
            activeWalks--;
            walks.notifyAll();
        }
    }

    private enum Outcome {
        SENT, ALREADY_HANDLED, DEFERRED, BOUNCED, FAILED, SKIPPED
    }
}
