package io.newswire.notify.social;

/**
 * The port through which a story reaches one network: one adapter per {@link Network}. An adapter
 * speaks the platform's API exactly as documented and classifies its answers as
 * {@link SocialFailure}s; which accounts, when, how often and what to do after a failure is decided
 * by the dispatcher, never here.
 */
public interface SocialChannel {

    /** The network this adapter speaks to. */
    Network network();

    /**
     * Publishes the post on the account and returns it once the platform has accepted it.
     *
     * @throws SocialFailure when the platform refused or could not be reached
     */
    PublishedPost publish(SocialAccount account, SocialPost post);

    /** Whether the platform lets a published post's text be changed (Mastodon, Telegram). */
    default boolean canEdit() {
        return false;
    }

    /** Replaces the text of a published post with the post's new text. */
    default PublishedPost edit(SocialAccount account, PublishedPost published, SocialPost post) {
        throw new UnsupportedOperationException(network() + " posts cannot be edited");
    }

    /** Whether the platform lets a published post be deleted through its API. */
    default boolean canDelete() {
        return false;
    }

    /** Deletes a published post (a retraction); a post already gone counts as deleted. */
    default void delete(SocialAccount account, PublishedPost published) {
        throw new UnsupportedOperationException(network() + " posts cannot be deleted");
    }
}
