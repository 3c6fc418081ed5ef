package io.newswire.ingest.system;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Who may call the write API, and how much they may send. Keys are never configured in clear:
 * only their SHA-256 (hex), so a leaked configuration file does not leak a usable key. Create one
 * with {@code printf %s "$KEY" | sha256sum}. No clients configured means every request is refused.
 *
 * @param clients     the publisher clients, the hashes of their keys and their scopes
 * @param maxBodySize the largest request body accepted (413 beyond)
 */
@ConfigurationProperties("newswire.api")
public record ApiProperties(@DefaultValue List<Client> clients, @DefaultValue("5MB") DataSize maxBodySize) {

    /** Every scope the API knows. */
    public static final Set<String> SCOPES = Set.of("articles:read", "articles:write", "sources:read", "sources:write");

    /**
     * One calling system, e.g. a CMS. {@code name} is what logs show, never the key. A client has
     * only the scopes it is given: {@code articles:read}, {@code articles:write},
     * {@code sources:read}, {@code sources:write}.
     */
    public record Client(String name, String keySha256, @DefaultValue Set<String> scopes) {
    }
}
