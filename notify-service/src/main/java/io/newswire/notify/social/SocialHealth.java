package io.newswire.notify.social;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code social}: every account's state, and the paused ones listed under
 * {@code attention} (their credentials were refused and need an operator). Always UP: a paused
 * account says nothing about whether this instance can work, so it is not in the readiness group.
 */
class SocialHealth implements HealthIndicator {

    private final SocialAccounts accounts;

    SocialHealth(SocialAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Health health() {
        List<SocialAccounts.AccountState> all = accounts.all();
        Map<String, Object> byId = new LinkedHashMap<>();
        for (SocialAccounts.AccountState account : all) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("network", account.network());
            detail.put("state", !account.enabled() ? "disabled" : account.paused() ? "paused" : "active");
            if (account.paused()) {
                detail.put("pausedAt", account.pausedAt());
                detail.put("reason", account.reason());
            }
            byId.put(account.id(), detail);
        }
        List<String> attention = all.stream().filter(SocialAccounts.AccountState::paused).map(SocialAccounts.AccountState::id).toList();
        return Health.up().withDetail("accounts", byId).withDetail("attention", attention).build();
    }
}
