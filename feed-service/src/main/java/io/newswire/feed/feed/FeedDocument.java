package io.newswire.feed.feed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One rendered feed as it is served: its bytes and a strong ETag computed from them, so any two
 * instances holding the same articles give the same ETag.
 */
record FeedDocument(byte[] bytes, String etag) {

    static FeedDocument of(byte[] bytes) {
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes));
        return new FeedDocument(bytes, '"' + hash + '"');
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", ex);
        }
    }
}
