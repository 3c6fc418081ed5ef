package io.newswire.notify.newsletter;

/**
 * A mail system refused one recipient, the rest of the channel working. Permanent (an SMTP 5xx
 * for the address, or an address that is not one): the same email would be refused again, so
 * the delivery is recorded as failed. Temporary (a 4xx, such as a full mailbox): it may be
 * accepted later, so the delivery is tried again. The message never contains the address.
 */
public class RecipientRefusedException extends RuntimeException {

    private final boolean permanent;

    public RecipientRefusedException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
