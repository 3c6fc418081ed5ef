package io.newswire.notify.newsletter;

/**
 * The port through which the newsletter hands an email, or the copies of a bulk email, to a mail
 * system. An adapter only delivers and reports what happened; which subscribers, in what order, and what to do after a
 * failure is decided by {@link NewsletterDispatch}.
 */
public interface MailChannel {

    /**
     * Hands the email over and returns once the mail system accepted it.
     *
     * @throws RecipientRefusedException when the mail system refuses this recipient, for good or for now
     * @throws RuntimeException          when the channel failed; the same email may succeed later
     */
    void send(Email email);

    /**
     * Prepares one email for many recipients; the copies are then sent one by one, from any
     * number of threads. An adapter prepares once what the copies share; by default each copy
     * is sent as its own email.
     */
    default Merge merge(BulkEmail email) {
        return copy -> send(email.email(copy));
    }

    /** Sends the copies of one {@link BulkEmail}. */
    interface Merge {

        /**
         * Hands one copy over and returns once the mail system accepted it.
         *
         * @throws RecipientRefusedException when the mail system refuses this recipient, for good or for now
         * @throws RuntimeException          when the channel failed; the same copy may succeed later
         */
        void send(BulkEmail.Copy copy);
    }
}
