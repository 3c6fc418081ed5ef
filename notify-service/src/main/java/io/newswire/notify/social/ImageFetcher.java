package io.newswire.notify.social;

import java.net.URI;
import java.util.Optional;

/**
 * Fetches a story's lead image for platforms that want the bytes uploaded (Bluesky's link card
 * thumbnail). Image URLs come from articles, so a fetcher must not be a way into our own network;
 * see {@link SafeImageFetcher}. Empty when the image cannot be had: the post goes without it.
 */
@FunctionalInterface
interface ImageFetcher {

    Optional<FetchedImage> fetch(URI url);

    /** The image bytes and their media type ({@code image/jpeg} ...). */
    record FetchedImage(byte[] bytes, String mediaType) {
    }
}
