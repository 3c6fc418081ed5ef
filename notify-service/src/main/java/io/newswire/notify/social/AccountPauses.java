package io.newswire.notify.social;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts paused because their platform refused the credentials (401/403), in table
 * {@code social_account}, shared by every instance. A paused account is not called: its posts are
 * held in the ledger until an operator fixes the credentials and resumes it.
 *
 * <p>The dispatcher asks before every post, so it reads {@link #recent} instead of the table: every
 * pause as read at most {@link #RECENT} ago (one query a second for all accounts, not one per post),
 * and at once after this instance paused or resumed one. Either staleness is harmless: a post to an
 * account paused elsewhere meanwhile is refused with 401 and pauses it again here, and a post held
 * for an account resumed elsewhere meanwhile is not held ({@link SocialLedger#hold} inserts only
 * while the pause row exists) but posted.
 */
class AccountPauses {

    /** Why and since when an account is paused. */
    record Pause(String accountId, Instant pausedAt, String reason) {
    }

    /** How old the dispatcher's view of the pauses may be. */
    static final Duration RECENT = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    /** Counts this instance's pauses and resumes: a view read before the latest of them is not used. */
    private final AtomicLong changes = new AtomicLong();
    private volatile Recent recent;

    private record Recent(Map<String, Pause> pauses, long readAt, long changes) {
    }

    AccountPauses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Pauses the account; an account already paused keeps its first reason and time. */
    void pause(String accountId, String reason) {
        jdbc.sql("""
                INSERT INTO social_account (account_id, paused_at, reason) VALUES (:account, now(), :reason)
                ON CONFLICT (account_id) DO NOTHING""")
                .param("account", accountId)
                .param("reason", reason)
                .update();
        changes.incrementAndGet();
    }

    /** @return whether it was paused */
    boolean resume(String accountId) {
        boolean resumed = jdbc.sql("DELETE FROM social_account WHERE account_id = :account").param("account", accountId).update() == 1;
        changes.incrementAndGet();
        return resumed;
    }

    /** The account's pause as read at most {@link #RECENT} ago (see the class comment for why that is enough). */
    Optional<Pause> recent(String accountId) {
        Recent view = recent;
        long now = System.nanoTime();
        long changed = changes.get();
        if (view == null || view.changes() != changed || now - view.readAt() > RECENT.toNanos()) {
            // Counted before the read: a pause written during the read makes the next call read again.
            view = new Recent(all(), now, changed);
            recent = view;
        }
        return Optional.ofNullable(view.pauses().get(accountId));
    }

    Optional<Pause> find(String accountId) {
        return jdbc.sql("SELECT * FROM social_account WHERE account_id = :account")
                .param("account", accountId)
                .query(AccountPauses::pause)
                .optional();
    }

    Map<String, Pause> all() {
        return jdbc.sql("SELECT * FROM social_account").query(AccountPauses::pause).list().stream()
                .collect(Collectors.toMap(Pause::accountId, pause -> pause));
    }

    private static Pause pause(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Pause(rs.getString("account_id"), rs.getObject("paused_at", OffsetDateTime.class).toInstant(),
                rs.getString("reason"));
    }
}
