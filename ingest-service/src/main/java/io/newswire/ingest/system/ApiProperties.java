package io.newswire.ingest.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the write API. Keys are never configured in clear: only their SHA-256 (hex), so a
 * leaked configuration file does not leak a usable key. Create one with
 * {@code printf %s "$KEY" | sha256sum}. No clients configured means every write is refused.
 *
 * @param clients the publisher clients and the hashes of their keys
 */
@ConfigurationProperties("newswire.api")
public record ApiProperties(@DefaultValue List<Client> clients) {

    /** One calling system, e.g. a CMS; {@code name} is what logs show, never the key. */
    public record Client(String name, String keySha256) {
    }
}
