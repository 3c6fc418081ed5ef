package io.newswire.feed.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the feed answers {@link FeedServingFilter} gives, as {@code newswire.feed.requests} tagged with
 * the format and the status (200 or 304): what operators watch for feed traffic, since those answers
 * bypass Spring's per-request observation. The counters are made once, so counting is one increment.
 */
class FeedRequestCounter {

    private final Map<FeedFormat, Counter> ok = new EnumMap<>(FeedFormat.class);
    private final Map<FeedFormat, Counter> notModified = new EnumMap<>(FeedFormat.class);

    FeedRequestCounter(MeterRegistry registry) {
        for (FeedFormat format : FeedFormat.values()) {
            ok.put(format, counter(registry, format, "200"));
            notModified.put(format, counter(registry, format, "304"));
        }
    }

    void served(FeedFormat format, int status) {
        (status == 304 ? notModified : ok).get(format).increment();
    }

    private static Counter counter(MeterRegistry registry, FeedFormat format, String status) {
        return Counter.builder("newswire.feed.requests").description("Feed documents answered, by format and status")
                .tag("format", format.name().toLowerCase(java.util.Locale.ROOT)).tag("status", status)
                .register(registry);
    }
}
