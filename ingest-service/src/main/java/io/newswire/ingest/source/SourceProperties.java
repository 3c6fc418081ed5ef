package io.newswire.ingest.source;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How ingest polls newsroom feeds.
 *
 * @param enabled         poll at all (an instance can be an API-only instance)
 * @param tick            how often due sources are looked for
 * @param batchSize       how many due sources one tick takes
 * @param lease           how long a source taken by an instance stays away from the others; a
 *                        crashed poller's sources come back after it
 * @param defaultInterval the poll interval of a source that names none
 * @param minInterval     the shortest interval a source may ask for
 * @param maxInterval     the longest wait, whatever the publisher or the error count says
 * @param allowLoopback   fetch from loopback addresses (tests and local runs only)
 * @param allowPrivate    fetch from private addresses (RFC 1918, CGNAT, IPv6 ULA: an intranet CMS);
 *                        link-local (cloud metadata), multicast and unspecified ones never
 * @param maxBodySize     the largest feed accepted
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     the whole fetch, headers to last byte
 * @param maxRedirects    redirects followed, each to a checked address
 */
@ConfigurationProperties("newswire.sources")
record SourceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("10") int batchSize,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("15m") Duration defaultInterval,
        @DefaultValue("1m") Duration minInterval,
        @DefaultValue("24h") Duration maxInterval,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("5") int maxRedirects) {

    FetchPolicy fetchPolicy() {
        return new FetchPolicy(allowLoopback, allowPrivate, maxBodySize.toBytes(), connectTimeout, readTimeout, maxRedirects);
    }
}
