package io.newswire.notify.social;

import java.net.URI;
import java.util.Map;

/**
 * One account the newsroom posts to, as its adapter needs it: where the platform's API is, the
 * account's credentials and its platform-specific settings. Credentials are secrets: they come from
 * configuration or the environment and must never reach a log, so {@link #toString()} leaves them out.
 *
 * @param id          the account's name in configuration and in the ledger, e.g. {@code x-main}
 * @param network     the platform
 * @param apiBase     the platform's API root, e.g. {@code https://api.x.com}; configurable so a
 *                    stand-in server can take its place in tests (set by the operator, never by a user)
 * @param credentials tokens, keys and secrets by name (documented per adapter)
 * @param settings    non-secret settings by name: page id, chat id, organization URN, handle ...
 */
public record SocialAccount(String id, Network network, URI apiBase, Map<String, String> credentials,
        Map<String, String> settings) {

    public SocialAccount {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** A required credential; the failure names the key, never a value. */
    public String credential(String name) {
        String value = credentials.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Account " + id + " has no credential '" + name + "'");
        }
        return value;
    }

    /** A required setting. */
    public String setting(String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Account " + id + " has no setting '" + name + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SocialAccount[" + id + ", " + network + ", " + apiBase + ", credentials=" + credentials.keySet()
                + ", settings=" + settings + "]";
    }
}
