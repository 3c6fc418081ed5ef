package io.newswire.notify.social;

import java.net.URI;

/**
 * What the platform answered for a post: enough to find it again (to edit or delete it) and to
 * show it in the status API.
 *
 * @param id  the platform's id of the post, in whatever form its edit and delete calls need
 *            (an AT URI on Bluesky, {@code chatId/messageId} on Telegram, a status id on Mastodon)
 * @param url where a reader sees the post, or {@code null} when the platform does not say
 */
public record PublishedPost(String id, URI url) {
}
