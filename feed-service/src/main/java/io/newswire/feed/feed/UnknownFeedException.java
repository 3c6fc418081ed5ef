package io.newswire.feed.feed;

import java.util.Locale;

/**
 * A request for a feed that does not exist: no article has that category, tag or author, or no such
 * page or archive page.
 */
class UnknownFeedException extends RuntimeException {

    UnknownFeedException(FeedScope scope, int page) {
        super(scope.kind() == FeedScope.Kind.SITE ? "The site's feeds have no page " + page
                : "No " + scope.kind().name().toLowerCase(Locale.ROOT) + " '" + scope.slug()
                        + "' has a feed" + (page > 1 ? " with a page " + page : ""));
    }

    UnknownFeedException(String message) {
        super(message);
    }
}
