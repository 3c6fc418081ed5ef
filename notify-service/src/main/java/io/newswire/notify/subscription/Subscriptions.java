package io.newswire.notify.subscription;

import io.newswire.notify.newsletter.Email;
import io.newswire.notify.newsletter.MailChannel;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader's way in and around the newsletter: signing up (double opt-in), confirming, changing
 * preferences and leaving. The pages and the JSON API are two adapters over this one class, so
 * both follow the same rules. Logs name subscribers by id, never by address.
 */
class Subscriptions {

    /** At most one confirmation email per address in this long, however often it is signed up. */
    static final Duration CONFIRMATION_INTERVAL = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final Subscribers subscribers;
    private final Unsubscriptions unsubscriptions;
    private final SubscriberTokens tokens;
    private final SubscriberLinks links;
    private final SubscriptionEmails emails;
    private final MailChannel mail;

    Subscriptions(Subscribers subscribers, Unsubscriptions unsubscriptions, SubscriberTokens tokens, SubscriberLinks links,
            SubscriptionEmails emails, MailChannel mail) {
        this.subscribers = subscribers;
        this.unsubscriptions = unsubscriptions;
        this.tokens = tokens;
        this.links = links;
        this.emails = emails;
        this.mail = mail;
    }

    /** What became of a signup. Readers see the same answer for the first two, whatever the address's history. */
    enum SignupOutcome {
        /** An email went out: a confirmation link, or to a confirmed subscriber, their preferences link. */
        MAILED,
        /** An email went out less than {@link #CONFIRMATION_INTERVAL} ago; nothing more is sent. */
        RECENTLY_MAILED,
        /** The mail system did not take the email; the reader may try again at once. */
        MAIL_FAILED
    }

    /**
     * Records a signup and mails the address. A new, pending, unsubscribed or bounced address is
     * (again) pending with the new preferences and gets a confirmation link; a confirmed one is
     * left as it is and gets a reminder with its preferences link instead.
     */
    SignupOutcome signUp(Signup signup) {
        Subscribers.SignedUp row = subscribers.signUp(signup);
        Optional<OffsetDateTime> claimed = subscribers.claimConfirmation(row.id(), CONFIRMATION_INTERVAL);
        if (claimed.isEmpty()) {
            log.info("Signup for subscriber {}: an email went out less than {} ago, none sent", row.id(), CONFIRMATION_INTERVAL);
            return SignupOutcome.RECENTLY_MAILED;
        }
        Email email = row.confirmed()
                ? emails.alreadySubscribed(row.id(), signup.email(), links.preferences(row.id()), claimed.get().toInstant())
                : emails.confirmation(row.id(), signup.email(), links.confirm(row.id()), claimed.get().toInstant());
        try {
            mail.send(email);
        }
        catch (RuntimeException ex) {
            subscribers.releaseConfirmation(row.id(), claimed.get());
            // Only the exception types: a mail server's reply may quote the address.
            log.warn("Signup for subscriber {}: {} could not be sent ({})", row.id(), email.messageId(), causes(ex));
            return SignupOutcome.MAIL_FAILED;
        }
        log.info("Signup for subscriber {}: sent {}", row.id(), email.messageId());
        return SignupOutcome.MAILED;
    }

    /**
     * Confirms the subscriber a CONFIRM token names (again is fine); empty for a bad or expired
     * token, or for a subscriber who left or bounced since.
     */
    Optional<Subscriber> confirm(String token) {
        Optional<UUID> subscriber = tokens.verify(token, SubscriberTokens.Purpose.CONFIRM).filter(subscribers::confirm);
        subscriber.ifPresent(id -> log.info("Subscriber {} confirmed", id));
        return subscriber.flatMap(id -> subscribers.current(id).map(current -> new Subscriber(id, current)));
    }

    /** The token of a subscriber's preferences link (and of its API). */
    String preferencesToken(UUID subscriber) {
        return links.preferencesToken(subscriber);
    }

    /** The token of a subscriber's unsubscribe link. */
    String unsubscribeToken(UUID subscriber) {
        return links.unsubscribeToken(subscriber);
    }

    /** The subscriber a PREFERENCES token names, with their current status and preferences. */
    Optional<Subscriber> preferences(String token) {
        return tokens.verify(token, SubscriberTokens.Purpose.PREFERENCES)
                .flatMap(id -> subscribers.current(id).map(current -> new Subscriber(id, current)));
    }

    /** Saves preferences for the subscriber a PREFERENCES token names; never changes whether they get mail. */
    Optional<Subscriber> savePreferences(String token, Preferences preferences) {
        return tokens.verify(token, SubscriberTokens.Purpose.PREFERENCES)
                .filter(id -> subscribers.savePreferences(id, preferences))
                .flatMap(id -> {
                    log.info("Subscriber {} changed preferences", id);
                    return subscribers.current(id).map(current -> new Subscriber(id, current));
                });
    }

    /** Unsubscribes the subscriber an UNSUBSCRIBE or PREFERENCES token names; false for a bad token. */
    boolean leave(String token) {
        Optional<UUID> subscriber = tokens.verify(token, SubscriberTokens.Purpose.UNSUBSCRIBE)
                .or(() -> tokens.verify(token, SubscriberTokens.Purpose.PREFERENCES));
        boolean left = subscriber.filter(unsubscriptions::unsubscribe).isPresent();
        if (left) {
            log.info("Subscriber {} left the newsletter", subscriber.get());
        }
        return left;
    }

    private static String causes(Throwable ex) {
        List<String> names = new ArrayList<>();
        for (Throwable cause = ex; cause != null && names.size() < 5; cause = cause.getCause() == cause ? null : cause.getCause()) {
            names.add(cause.getClass().getName());
        }
        return String.join(" <- ", names);
    }

    /** A subscriber as the preferences page and API show it: no address. */
    record Subscriber(UUID id, Subscribers.Current current) {

        String status() {
            return current.status();
        }

        Preferences preferences() {
            return current.preferences();
        }
    }
}
