package io.newswire.notify.social;

import java.net.URI;
import java.util.List;

/**
 * One story as it is to appear on one account: the text already written to the network's length
 * rule by the account's formatter, plus the structured parts some APIs take separately (a link
 * card, an image, a title).
 *
 * @param storyId        the article id
 * @param text           the post's plain text, within the network's limit; contains {@code link}
 *                       where the account's template puts it (adapters locate it there, e.g. for
 *                       Bluesky's link facet); adapters escape it as their API needs (Telegram HTML)
 * @param link           the story's canonical URL
 * @param title          the headline, plain text (link cards, LinkedIn article titles)
 * @param summary        the standfirst, plain text, may be empty (link card descriptions)
 * @param image          the lead image, or {@code null}
 * @param hashtags       hashtags without '#', from the story's tags, already in {@code text} if the template asks
 * @param language       BCP 47 tag of the story, may be {@code null}
 * @param idempotencyKey stable per story and account; sent where the platform honours one (Mastodon's
 *                       {@code Idempotency-Key}), so a retry after a lost answer does not post twice
 */
public record SocialPost(String storyId, String text, URI link, String title, String summary, Image image,
        List<String> hashtags, String language, String idempotencyKey) {

    public SocialPost {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }

    /** An image the platform fetches or is uploaded: always an https URL, with its alt text. */
    public record Image(URI url, String altText, String mediaType) {
    }
}
