package io.newswire.notify.digest;

import java.util.Set;
import java.util.UUID;

/**
 * A confirmed subscriber who asked for digests: an id to log and key the ledger by, a mailbox,
 * and the topics (lower-case; none means every story).
 */
record DigestSubscriber(UUID id, String email, Set<String> topics) {

    // Addresses are personal data and must not end up in logs; the id is enough to find the row.
    @Override
    public String toString() {
        return "DigestSubscriber[" + id + "]";
    }
}
