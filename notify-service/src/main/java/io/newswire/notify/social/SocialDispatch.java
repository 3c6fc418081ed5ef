package io.newswire.notify.social;

import io.newswire.events.Article;
import io.newswire.notify.newsletter.Stories;
import io.newswire.notify.system.StoppedForShutdownException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does one social work record: posts a story on an account, edits its post, or deletes it.
 *
 * <p>A post: the story is read from {@link Stories} (the latest snapshot; one retracted meanwhile
 * is skipped), the account's token bucket is waited for, the post is claimed in the
 * {@link SocialLedger}, formatted and handed to the network's adapter, and marked. What a failure
 * means is decided here, never in the adapter: a 429 fails the record so that it is retried after
 * exactly the platform's wait, a 5xx or timeout with growing waits ({@link SocialRetry}; past the
 * budget it is dead-lettered and the post marked failed); a 401/403 pauses the account and holds
 * this post and every later one until an operator resumes it; any other refusal fails the post;
 * a duplicate counts as posted.
 *
 * <p>On shutdown ({@link #stopPosting}) no new call starts and the calls in flight are answered and
 * marked before the consumers stop, so a graceful stop never leaves a post claimed but unmarked.
 */
class SocialDispatch {

    private static final Logger log = LoggerFactory.getLogger(SocialDispatch.class);

    private final SocialProperties properties;
    private final Stories stories;
    private final SocialLedger ledger;
    private final AccountPauses pauses;
    private final SocialChannels channels;
    private final SocialFormatter formatter;
    private final SocialRetry retry;
    private final Duration drainTimeout;
    private final Map<String, PostRate> rates = new ConcurrentHashMap<>();
    private final Object calls = new Object();
    private int activeCalls;
    private volatile boolean stopping;

    SocialDispatch(SocialProperties properties, Stories stories, SocialLedger ledger, AccountPauses pauses,
            SocialChannels channels, SocialFormatter formatter, SocialRetry retry) {
        this.properties = properties;
        this.stories = stories;
        this.ledger = ledger;
        this.pauses = pauses;
        this.channels = channels;
        this.formatter = formatter;
        this.retry = retry;
        this.drainTimeout = properties.work().drainTimeout();
    }

    /** The key a post carries on every attempt, so platforms that honour one keep a single post. */
    static String idempotencyKey(String storyId, String accountId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((storyId + "\n" + accountId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Does the work.
     *
     * @throws SocialRetry.RateLimitedException  the platform said 429; retried after its wait
     * @throws SocialRetry.FailedForNowException the platform failed for now; retried with growing waits
     * @throws StoppedForShutdownException       the instance is stopping; done again after the restart
     */
    void handle(SocialWork work) {
        Optional<SocialProperties.Account> configured = properties.account(work.accountId());
        if (configured.isEmpty() || !configured.get().enabled()) {
            log.warn("Dropping {} of story {} for account {}: {}", work.type(), work.storyId(), work.accountId(),
                    configured.isEmpty() ? "no such account is configured" : "the account is disabled");
            return;
        }
        SocialProperties.Account account = configured.get();
        switch (work.type()) {
            case SocialWork.POST -> post(account, work.storyId());
            case SocialWork.EDIT -> edit(account, work.storyId());
            case SocialWork.DELETE -> delete(account, work.storyId());
            default -> log.warn("Ignoring social work of unknown type {} for story {}", work.type(), work.storyId());
        }
    }

    /** The post's work record was dead-lettered: a post still claimed is given up as failed. */
    void givenUp(SocialWork work, Exception failure) {
        if (SocialWork.POST.equals(work.type())) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            ledger.failUnfinished(work.storyId(), work.accountId(), "given up after retries: " + cause.getMessage());
        }
        log.warn("Social {} of story {} for account {} dead-lettered", work.type(), work.storyId(), work.accountId());
    }

    private void post(SocialProperties.Account account, String storyId) {
        Optional<Stories.Story> story = stories.find(storyId);
        if (story.isEmpty()) {
            log.warn("Not posting story {} on {}: notify has not seen it", storyId, account.id());
            return;
        }
        // A post done already (a redelivery, a replay) is found out by the claim below, or by the
        // skip or the hold, which leave a settled row as it is. Read first only when a rate limit is
        // on, so that it does not wait for a token; without one that would be a query per post for nothing.
        if (account.rateLimit().postsPerMinute() > 0 && ledger.settled(storyId, account.id())) {
            return;
        }
        if (story.get().retracted()) {
            if (ledger.markSkipped(storyId, account.id())) {
                log.info("Not posting story {} on {}: it was retracted", storyId, account.id());
            }
            return;
        }
        if (heldWhilePaused(account, storyId, null, false)) {
            return;
        }
        SocialChannel channel = channels.forNetwork(account.network()).orElse(null);
        if (channel == null) {
            if (ledger.claim(storyId, account.id())) {
                ledger.markFailed(storyId, account.id(), "No adapter for network " + account.network(), false);
            }
            return;
        }
        enterCall(storyId, account.id());
        try {
            rate(account).acquire();
            if (stopping) {
                throw new StoppedForShutdownException("Post of story " + storyId + " on " + account.id() + " not started: shutting down");
            }
            if (!ledger.claim(storyId, account.id())) {
                return;
            }
            Article article = story.get().article();
            SocialPost post = format(account, article);
            PublishedPost published;
            try {
                published = channel.publish(account.toSocialAccount(), post);
            }
            catch (SocialFailure failure) {
                if (failure.kind() == SocialFailure.Kind.DUPLICATE) {
                    ledger.markPosted(storyId, account.id(), failure.existing(), article.title());
                    log.info("Story {} was already on {}: {}", storyId, account.id(), failure.getMessage());
                    return;
                }
                failed(account, storyId, failure, true);
                return;
            }
            // A crash right here leaves the claim 'posting': the next attempt posts again, with the same idempotency key.
            ledger.markPosted(storyId, account.id(), published, article.title());
            log.info("Posted story {} on {} as {}", storyId, account.id(), published.id());
        }
        catch (RuntimeException ex) {
            if (!(ex instanceof SocialRetry.RateLimitedException || ex instanceof SocialRetry.FailedForNowException
                    || ex instanceof StoppedForShutdownException)) {
                // An adapter that broke its contract (threw something else): treated as a failure for now.
                ledger.markAttemptFailed(storyId, account.id(), ex.getClass().getSimpleName());
                throw new SocialRetry.FailedForNowException("Posting story " + storyId + " on " + account.id() + " failed", ex);
            }
            throw ex;
        }
        finally {
            leaveCall();
        }
    }

    private void edit(SocialProperties.Account account, String storyId) {
        Optional<SocialLedger.Entry> entry = ledger.find(storyId, account.id());
        Optional<Stories.Story> story = stories.find(storyId);
        Optional<SocialChannel> channel = channels.forNetwork(account.network());
        if (entry.isEmpty() || !"posted".equals(entry.get().status()) || entry.get().postId() == null || story.isEmpty()
                || story.get().retracted() || channel.isEmpty() || !channel.get().canEdit()
                || story.get().article().title().equals(entry.get().titlePosted())) {
            return;
        }
        if (pauses.find(account.id()).isPresent()) {
            log.info("Not editing story {} on {}: the account is paused", storyId, account.id());
            return;
        }
        enterCall(storyId, account.id());
        try {
            rate(account).acquire();
            Article article = story.get().article();
            try {
                PublishedPost edited = channel.get().edit(account.toSocialAccount(), entry.get().published(), format(account, article));
                ledger.markEdited(storyId, account.id(), edited, article.title());
                log.info("Edited the post of story {} on {}", storyId, account.id());
            }
            catch (SocialFailure failure) {
                correctionFailed(account, storyId, "edit", failure);
            }
        }
        finally {
            leaveCall();
        }
    }

    private void delete(SocialProperties.Account account, String storyId) {
        Optional<SocialLedger.Entry> entry = ledger.find(storyId, account.id());
        Optional<Stories.Story> story = stories.find(storyId);
        Optional<SocialChannel> channel = channels.forNetwork(account.network());
        if (entry.isEmpty() || !"posted".equals(entry.get().status()) || entry.get().postId() == null
                || story.isEmpty() || !story.get().retracted() || channel.isEmpty() || !channel.get().canDelete()) {
            return;
        }
        if (pauses.find(account.id()).isPresent()) {
            log.warn("Not deleting the post of retracted story {} on {}: the account is paused", storyId, account.id());
            return;
        }
        enterCall(storyId, account.id());
        try {
            rate(account).acquire();
            try {
                channel.get().delete(account.toSocialAccount(), entry.get().published());
                ledger.markDeleted(storyId, account.id());
                log.info("Deleted the post of retracted story {} on {}", storyId, account.id());
            }
            catch (SocialFailure failure) {
                correctionFailed(account, storyId, "delete", failure);
            }
        }
        finally {
            leaveCall();
        }
    }

    /** What a failed post means. Returns normally when the record is done; throws to have it retried. */
    private void failed(SocialProperties.Account account, String storyId, SocialFailure failure, boolean attempted) {
        String error = failure.kind() + ": " + failure.getMessage();
        switch (failure.kind()) {
            case RATE_LIMITED -> {
                ledger.markAttemptFailed(storyId, account.id(), error);
                log.info("Story {} on {}: rate-limited, retry after {}", storyId, account.id(), failure.retryAfter());
                throw retry.rateLimited(account.id(), failure.retryAfter(), "Story " + storyId + " on " + account.id() + ": " + error);
            }
            case TRANSIENT -> {
                ledger.markAttemptFailed(storyId, account.id(), error);
                log.warn("Story {} on {}: failed for now, to be retried: {}", storyId, account.id(), failure.getMessage());
                throw new SocialRetry.FailedForNowException("Story " + storyId + " on " + account.id() + ": " + error, null);
            }
            case UNAUTHORIZED -> {
                pauses.pause(account.id(), error);
                log.warn("Account {} paused: {}; its posts are held until it is resumed", account.id(), failure.getMessage());
                heldWhilePaused(account, storyId, error, attempted);
            }
            default -> {
                ledger.markFailed(storyId, account.id(), error, attempted);
                log.warn("Story {} on {}: refused: {}", storyId, account.id(), failure.getMessage());
            }
        }
    }

    private void correctionFailed(SocialProperties.Account account, String storyId, String what, SocialFailure failure) {
        String error = what + " " + failure.kind() + ": " + failure.getMessage();
        switch (failure.kind()) {
            case RATE_LIMITED -> throw retry.rateLimited(account.id(), failure.retryAfter(), "Story " + storyId + " on " + account.id() + ": " + error);
            case TRANSIENT -> throw new SocialRetry.FailedForNowException("Story " + storyId + " on " + account.id() + ": " + error, null);
            case UNAUTHORIZED -> {
                pauses.pause(account.id(), error);
                ledger.noteError(storyId, account.id(), error);
            }
            default -> ledger.noteError(storyId, account.id(), error);
        }
        log.warn("Could not {} the post of story {} on {}: {}", what, storyId, account.id(), failure.getMessage());
    }

    /** @return true when the account is paused and the post is now held (or was done already) */
    private boolean heldWhilePaused(SocialProperties.Account account, String storyId, String error, boolean attempted) {
        Optional<AccountPauses.Pause> pause = error != null ? pauses.find(account.id()) : pauses.recent(account.id());
        if (pause.isEmpty()) {
            return false;
        }
        if (ledger.hold(storyId, account.id(), error != null ? error : "account paused: " + pause.get().reason(), attempted)) {
            return true;
        }
        // Resumed between the two reads: post it now.
        if (error != null) {
            throw new SocialRetry.FailedForNowException("Account " + account.id() + " was resumed while posting story " + storyId, null);
        }
        return false;
    }

    private SocialPost format(SocialProperties.Account account, Article article) {
        return formatter.format(article, account.template(), account.network(), limit(account),
                idempotencyKey(article.id(), account.id()));
    }

    /**
     * The account's length limit: a configured {@code limit} setting first, then what a Mastodon
     * instance says of itself (its {@code max_characters}), else the network's own rule.
     */
    private int limit(SocialProperties.Account account) {
        String configured = account.settings().get("limit");
        if (configured != null) {
            return Integer.parseInt(configured.strip());
        }
        if (channels.forNetwork(account.network()).orElse(null) instanceof MastodonChannel mastodon) {
            return mastodon.characterLimit(account.toSocialAccount());
        }
        return SocialFormatter.defaultLimit(account.network());
    }

    private PostRate rate(SocialProperties.Account account) {
        return rates.computeIfAbsent(account.id(), id -> new PostRate(account.rateLimit()));
    }

    /** No new call starts from now on; waits, at most the drain timeout, for the calls in flight to be marked. */
    void stopPosting() {
        stopping = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        synchronized (calls) {
            for (long left = drainTimeout.toNanos(); activeCalls > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(calls, left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (activeCalls > 0) {
                log.warn("{} social posts still in flight after {}; they may be posted again after the restart "
                        + "(with the same idempotency key)", activeCalls, drainTimeout);
            }
        }
    }

    void resumePosting() {
        stopping = false;
    }

    private void enterCall(String storyId, String accountId) {
        synchronized (calls) {
            if (stopping) {
                throw new StoppedForShutdownException("Social work for story " + storyId + " on " + accountId
                        + " not started: shutting down");
            }
            activeCalls++;
        }
    }

    private void leaveCall() {
        synchronized (calls) {
            activeCalls--;
            calls.notifyAll();
        }
    }
}
