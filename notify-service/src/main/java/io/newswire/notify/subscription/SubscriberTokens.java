package io.newswire.notify.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed subscriber links: a token names one subscriber and one purpose, may expire, and is
 * signed with HMAC-SHA256, so it cannot be forged, altered to name another subscriber, or used
 * for another purpose. Tokens hold no email address.
 */
public class SubscriberTokens {

    /** What a link may do. */
    public enum Purpose {
        CONFIRM, PREFERENCES, UNSUBSCRIBE
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    // A Mac per thread, made once: looking the algorithm up among the providers costs more than
    // signing, and a newsletter signs two links per email on every sending thread.
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SubscriberTokens(String secret, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /** A token for {@code subscriber} and {@code purpose}, valid until {@code expiresAt} ({@code null}: no end). */
    public String issue(UUID subscriber, Purpose purpose, Instant expiresAt) {
        String payload = purpose.name() + ":" + subscriber + ":" + (expiresAt == null ? 0 : expiresAt.getEpochSecond());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
    }

    /** The subscriber a valid, unexpired token of this purpose names; empty for anything else. */
    public Optional<UUID> verify(String token, Purpose purpose) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !parts[0].equals(purpose.name())) {
                return Optional.empty();
            }
            long expires = Long.parseLong(parts[2]);
            if (expires != 0 && clock.instant().isAfter(Instant.ofEpochSecond(expires))) {
                return Optional.empty();
            }
            return Optional.of(UUID.fromString(parts[1]));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] payload) {
        // doFinal leaves the Mac ready for the next payload with the same key.
        return macs.get().doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", ex);
        }
    }
}
