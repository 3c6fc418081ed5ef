package io.newswire.notify.social;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which story went to which account ({@code social_post}), and the reason a story is posted on an
 * account exactly once in effect. A post is claimed ({@code posting}) before the platform is
 * called and marked after, each in its own committed statement, so a work record that arrives
 * again (redelivery, retry, replay, restart, backfill) finds what was done and does not do it again.
 *
 * <p>The window: a process that dies after the platform accepted a post and before it was marked
 * leaves the row {@code posting}, and the next attempt posts again. The post carries the same
 * idempotency key both times ({@link SocialDispatch#idempotencyKey}), so platforms that honour one
 * (Mastodon's {@code Idempotency-Key}, the generic webhook's receiver) keep one post; on the others
 * that one post may appear twice. A graceful stop never opens the window (see {@link io.newswire.notify.system.DrainBeforeListenersStop}).
 */
class SocialLedger {

    /** One row, as the status API shows it. */
    record Entry(String storyId, String accountId, String status, String postId, String postUrl, String error,
            int attempts, String titlePosted, Instant updatedAt) {

        PublishedPost published() {
            return new PublishedPost(postId, postUrl == null ? null : URI.create(postUrl));
        }
    }

    private final JdbcClient jdbc;

    SocialLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(String storyId, String accountId) {
        return jdbc.sql("SELECT * FROM social_post WHERE story_id = :story AND account_id = :account")
                .param("story", storyId)
                .param("account", accountId)
                .query(SocialLedger::entry)
                .optional();
    }

    List<Entry> forStory(String storyId) {
        return jdbc.sql("SELECT * FROM social_post WHERE story_id = :story ORDER BY account_id")
                .param("story", storyId)
                .query(SocialLedger::entry)
                .list();
    }

    /** Whether the post is done for good: it must not be attempted again. */
    boolean settled(String storyId, String accountId) {
        return find(storyId, accountId).map(entry -> List.of("posted", "deleted", "skipped").contains(entry.status()))
                .orElse(false);
    }

    /**
     * Claims the post of a story on an account. True when it is new, when an earlier attempt never
     * finished ({@code posting}: retried, or the process died), when it was held for a paused
     * account, or when it failed (a dead letter replayed, a backfill); false when it was posted,
     * deleted or skipped.
     */
    boolean claim(String storyId, String accountId) {
        return jdbc.sql("""
                INSERT INTO social_post (story_id, account_id, status, updated_at)
                VALUES (:story, :account, 'posting', now())
                ON CONFLICT (story_id, account_id) DO UPDATE SET status = 'posting', updated_at = now()
                WHERE social_post.status IN ('posting', 'held', 'failed')""")
                .param("story", storyId)
                .param("account", accountId)
                .update() == 1;
    }

    void markPosted(String storyId, String accountId, PublishedPost post, String title) {
        jdbc.sql("""
                UPDATE social_post SET status = 'posted', post_id = :postId, post_url = :postUrl, error = NULL,
                    attempts = attempts + 1, title_posted = :title, updated_at = now()
                WHERE story_id = :story AND account_id = :account""")
                .param("postId", post == null ? null : post.id())
                .param("postUrl", post == null || post.url() == null ? null : post.url().toString())
                .param("title", title)
                .param("story", storyId)
                .param("account", accountId)
                .update();
    }

    /** An attempt failed for now (429, 5xx): the row stays claimed, the retry claims it again. */
    void markAttemptFailed(String storyId, String accountId, String error) {
        update(storyId, accountId, "posting", error, true);
    }

    /** Refused for good, or given up. */
    void markFailed(String storyId, String accountId, String error, boolean attempted) {
        update(storyId, accountId, "failed", error, attempted);
    }

    /** Given up after the retries: only a post still claimed is failed (one posted meanwhile stays posted). */
    int failUnfinished(String storyId, String accountId, String error) {
        return jdbc.sql("""
                UPDATE social_post SET status = 'failed', error = :error, updated_at = now()
                WHERE story_id = :story AND account_id = :account AND status = 'posting'""")
                .param("error", error)
                .param("story", storyId)
                .param("account", accountId)
                .update();
    }

    /**
     * Holds the post for a paused account, unless it is done already. Inserted only while the
     * pause row exists, so a resume that has already re-planned the held posts never leaves this
     * one behind: the caller then posts it (see {@link AccountPauses#resume}).
     *
     * @return false when the account is no longer paused
     */
    boolean hold(String storyId, String accountId, String error, boolean attempted) {
        return jdbc.sql("""
                INSERT INTO social_post (story_id, account_id, status, error, attempts, updated_at)
                SELECT :story, :account, 'held', :error, :attempts, now()
                WHERE EXISTS (SELECT 1 FROM social_account WHERE account_id = :account)
                ON CONFLICT (story_id, account_id) DO UPDATE SET status = 'held', error = EXCLUDED.error,
                    attempts = social_post.attempts + EXCLUDED.attempts, updated_at = now()
                WHERE social_post.status IN ('posting', 'held', 'failed')""")
                .param("story", storyId)
                .param("account", accountId)
                .param("error", error)
                .param("attempts", attempted ? 1 : 0)
                .update() == 1 || settled(storyId, accountId);
    }

    /**
     * The story was retracted before its post went out.
     *
     * @return false when the post was settled already (posted, deleted or skipped): left as it is
     */
    boolean markSkipped(String storyId, String accountId) {
        return jdbc.sql("""
                INSERT INTO social_post (story_id, account_id, status, error, updated_at)
                VALUES (:story, :account, 'skipped', 'retracted before it was posted', now())
                ON CONFLICT (story_id, account_id) DO UPDATE SET status = 'skipped', error = EXCLUDED.error, updated_at = now()
                WHERE social_post.status IN ('posting', 'held', 'failed')""")
                .param("story", storyId)
                .param("account", accountId)
                .update() == 1;
    }

    void markEdited(String storyId, String accountId, PublishedPost post, String title) {
        jdbc.sql("""
                UPDATE social_post SET post_id = coalesce(:postId, post_id), post_url = coalesce(:postUrl, post_url),
                    error = NULL, attempts = attempts + 1, title_posted = :title, updated_at = now()
                WHERE story_id = :story AND account_id = :account AND status = 'posted'""")
                .param("postId", post == null ? null : post.id())
                .param("postUrl", post == null || post.url() == null ? null : post.url().toString())
                .param("title", title)
                .param("story", storyId)
                .param("account", accountId)
                .update();
    }

    void markDeleted(String storyId, String accountId) {
        jdbc.sql("""
                UPDATE social_post SET status = 'deleted', error = NULL, attempts = attempts + 1, updated_at = now()
                WHERE story_id = :story AND account_id = :account AND status = 'posted'""")
                .param("story", storyId)
                .param("account", accountId)
                .update();
    }

    /** A correction (edit or delete) was refused: the post stays as it is, the error shows why. */
    void noteError(String storyId, String accountId, String error) {
        jdbc.sql("""
                UPDATE social_post SET error = :error, attempts = attempts + 1, updated_at = now()
                WHERE story_id = :story AND account_id = :account""")
                .param("error", error)
                .param("story", storyId)
                .param("account", accountId)
                .update();
    }

    /** The posted rows of a story, for planning its corrections. */
    List<Entry> posted(String storyId) {
        return jdbc.sql("SELECT * FROM social_post WHERE story_id = :story AND status = 'posted'")
                .param("story", storyId)
                .query(SocialLedger::entry)
                .list();
    }

    /** The stories held for an account, oldest first, to be planned again on resume. */
    List<String> held(String accountId) {
        return jdbc.sql("SELECT story_id FROM social_post WHERE account_id = :account AND status = 'held' ORDER BY updated_at")
                .param("account", accountId)
                .query(String.class)
                .list();
    }

    /** Of these stories, the ones whose post on the account is done for good. */
    List<String> settledOf(String accountId, List<String> storyIds) {
        if (storyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT story_id FROM social_post
                WHERE account_id = :account AND story_id IN (:stories) AND status IN ('posted', 'deleted', 'skipped')""")
                .param("account", accountId)
                .param("stories", storyIds)
                .query(String.class)
                .list();
    }

    private void update(String storyId, String accountId, String status, String error, boolean attempted) {
        jdbc.sql("""
                UPDATE social_post SET status = :status, error = :error, attempts = attempts + :attempted, updated_at = now()
                WHERE story_id = :story AND account_id = :account""")
                .param("status", status)
                .param("error", error)
                .param("attempted", attempted ? 1 : 0)
                .param("story", storyId)
                .param("account", accountId)
                .update();
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(rs.getString("story_id"), rs.getString("account_id"), rs.getString("status"), rs.getString("post_id"),
                rs.getString("post_url"), rs.getString("error"), rs.getInt("attempts"), rs.getString("title_posted"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
