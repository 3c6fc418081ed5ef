package io.newswire.apikeys;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call a service's protected API, and which paths are protected. Keys are never
 * configured in clear: only their SHA-256 (hex), so a leaked configuration file does not leak a
 * usable key. Create one with {@code printf %s "$KEY" | sha256sum}. No clients configured means
 * every request to a protected path is refused.
 *
 * <p>A service may bind its own, other keys under the same {@code newswire.api} prefix (ingest's
 * {@code max-body-size}); each record binds only the keys it names.
 *
 * @param clients        the calling systems, the hashes of their keys and their scopes
 * @param protectedPaths servlet URL patterns (e.g. {@code /api/*}) whose every request needs a
 *                       known key; anything else is left to the service (public pages, health)
 */
@ConfigurationProperties("newswire.api")
record ApiKeyProperties(@DefaultValue List<Client> clients, @DefaultValue("/api/*") List<String> protectedPaths) {

    /**
     * One calling system, e.g. a CMS. {@code name} is what logs show, never the key. A client has
     * only the scopes it is given; scopes are the service's own strings, such as
     * {@code articles:write} or {@code newsletter:admin}.
     */
    record Client(String name, String keySha256, @DefaultValue Set<String> scopes) {
    }
}
