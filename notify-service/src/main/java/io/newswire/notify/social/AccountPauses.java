package io.newswire.notify.social;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts paused because their platform refused the credentials (401/403), in table
 * {@code social_account}, shared by every instance. A paused account is not called: its posts are
 * held in the ledger until an operator fixes the credentials and resumes it.
 */
class AccountPauses {

    /** Why and since when an account is paused. */
    record Pause(String accountId, Instant pausedAt, String reason) {
    }

    private final JdbcClient jdbc;

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
    }

    /** @return whether it was paused */
    boolean resume(String accountId) {
        return jdbc.sql("DELETE FROM social_account WHERE account_id = :account").param("account", accountId).update() == 1;
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
