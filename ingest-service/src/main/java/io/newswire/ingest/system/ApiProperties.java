package io.newswire.ingest.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much an API client may send. Who the clients are ({@code newswire.api.clients}) is bound
 * under the same prefix by the {@code api-keys} module; each record binds only its own keys.
 *
 * @param maxBodySize the largest request body accepted (413 beyond)
 */
@ConfigurationProperties("newswire.api")
record ApiProperties(@DefaultValue("5MB") DataSize maxBodySize) {
}
