package io.newswire.notify.newsletter;

/**
 * The port through which the newsletter hands one email to a mail system. An adapter only
 * delivers and reports what happened; which subscribers, in what order, and what to do after a
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
}
