package io.newswire.notify.newsletter;

import java.util.UUID;

/** A confirmed subscriber as the dispatcher needs it: an id to log and key the ledger by, and a mailbox. */
record Subscriber(UUID id, String email) {

    // Addresses are personal data and must not end up in logs; the id is enough to find the row.
    @Override
    public String toString() {
        return "Subscriber[" + id + "]";
    }
}
