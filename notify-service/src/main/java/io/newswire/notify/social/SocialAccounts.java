package io.newswire.notify.social;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operators' view of the social accounts: which are paused and why, resuming one (its held
 * posts go out), backfilling one, and where a story's posts stand. Never shows a credential.
 */
class SocialAccounts {

    /** An account as the admin API and the health endpoint show it. */
    record AccountState(String id, Network network, boolean enabled, boolean paused, Instant pausedAt, String reason) {
    }

    /** One account's post of a story. */
    record PostState(String accountId, String status, String postId, String postUrl, String error, int attempts,
            Instant updatedAt) {
    }

    private final SocialProperties properties;
    private final AccountPauses pauses;
    private final SocialLedger ledger;
    private final SocialFanOut fanOut;
    private final io.newswire.notify.newsletter.Stories stories;
    private final java.time.Clock clock;

    SocialAccounts(SocialProperties properties, AccountPauses pauses, SocialLedger ledger, SocialFanOut fanOut,
            io.newswire.notify.newsletter.Stories stories, java.time.Clock clock) {
        this.properties = properties;
        this.pauses = pauses;
        this.ledger = ledger;
        this.fanOut = fanOut;
        this.stories = stories;
        this.clock = clock;
    }

    List<AccountState> all() {
        Map<String, AccountPauses.Pause> paused = pauses.all();
        return properties.accounts().stream().map(account -> state(account, paused.get(account.id()))).toList();
    }

    Optional<AccountState> find(String id) {
        return properties.account(id).map(account -> state(account, pauses.find(id).orElse(null)));
    }

    /**
     * Lifts the pause and plans every held post of the account again.
     *
     * @return how many posts were planned; empty for an unknown account
     */
    Optional<Integer> resume(String id) {
        if (properties.account(id).isEmpty()) {
            return Optional.empty();
        }
        // Lifted first: a post held after this read finds the account active and is posted then.
        pauses.resume(id);
        List<String> held = ledger.held(id);
        fanOut.plan(id, held);
        return Optional.of(held.size());
    }

    /**
     * Plans the posts of the last {@code days} days' stories that match the account's filters and
     * that it does not have yet; no other account is touched.
     *
     * @return how many were planned; empty for an unknown account
     */
    Optional<Integer> backfill(String id, int days) {
        Optional<SocialProperties.Account> account = properties.account(id);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        List<String> matching = stories.publishedSince(clock.instant().minus(Duration.ofDays(days))).stream()
                .filter(article -> account.get().takes(article))
                .map(io.newswire.events.Article::id)
                .toList();
        List<String> done = ledger.settledOf(id, matching);
        List<String> toPlan = matching.stream().filter(storyId -> !done.contains(storyId)).toList();
        fanOut.plan(id, toPlan);
        return Optional.of(toPlan.size());
    }

    /** Each account's post of the story; empty when there is none. */
    List<PostState> story(String storyId) {
        return ledger.forStory(storyId).stream()
                .map(entry -> new PostState(entry.accountId(), entry.status(), entry.postId(), entry.postUrl(), entry.error(),
                        entry.attempts(), entry.updatedAt()))
                .toList();
    }

    private static AccountState state(SocialProperties.Account account, AccountPauses.Pause pause) {
        return new AccountState(account.id(), account.network(), account.enabled(), pause != null,
                pause == null ? null : pause.pausedAt(), pause == null ? null : pause.reason());
    }
}
