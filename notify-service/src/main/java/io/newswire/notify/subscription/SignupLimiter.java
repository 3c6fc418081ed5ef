package io.newswire.notify.subscription;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * How many signups one client may make: a token bucket per client address, in memory. Each
 * instance counts on its own (a client spread over n instances gets up to n times the limit),
 * which is enough to stop one script from mailing a thousand strangers; the per-address rule
 * (one confirmation per 10 minutes) holds across instances because it lives in the database.
 *
 * <p>The map is bounded: beyond {@code trackedClients} the least recently seen client is
 * forgotten, which at worst hands that client a full bucket again. IPv6 clients are counted per
 * /64 network, the block one subscriber line usually gets, so rotating addresses within it does
 * not multiply the limit.
 */
class SignupLimiter {

    private final int capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    SignupLimiter(SubscriptionProperties.SignupLimit limit, LongSupplier nanoTime) {
        this.capacity = limit.signups();
        this.tokensPerNano = (double) limit.signups() / limit.per().toNanos();
        this.nanoTime = nanoTime;
        int tracked = limit.trackedClients();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > tracked;
            }
        };
    }

    /**
     * Takes one signup from this client's bucket: empty if it may go ahead, otherwise how many
     * seconds until it may (for Retry-After).
     */
    synchronized OptionalLong tryTake(String remoteAddress) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(clientKey(remoteAddress), key -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) * tokensPerNano);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return OptionalLong.empty();
        }
        double nanosToWait = (1 - bucket.tokens) / tokensPerNano;
        return OptionalLong.of(Math.max(1, (long) Math.ceil(nanosToWait / 1_000_000_000d)));
    }

    synchronized int trackedClients() {
        return buckets.size();
    }

    /** The client an address counts as: itself for IPv4, its /64 network for IPv6. */
    static String clientKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        String literal = remoteAddress.replaceFirst("^\\[", "").replaceFirst("]$", "").replaceFirst("%.*$", "");
        try {
            // A literal: parsed, never looked up.
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress();
        }
        catch (UnknownHostException ex) {
            return remoteAddress;
        }
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        private Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
