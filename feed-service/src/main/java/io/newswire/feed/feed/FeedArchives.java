package io.newswire.feed.feed;

import io.newswire.events.Article;
import java.util.List;
import java.util.Optional;

/**
 * Which articles each RFC 5005 archive page of the site's feeds holds, and where it is served.
 *
 * <p>Only the site's RSS and Atom feeds are archived: JSON Feed already pages onward with
 * {@code next_url}, and every category, tag or author article is also in the site's archives.
 * Counting from the oldest article, by publication time and then id (the catalog's order), archive
 * page {@code n} (1 for the oldest) holds positions {@code [(n - 1) * size, n * size)}, where
 * {@code size} is {@code newswire.feed.max-items}. Only full pages are archives; the remainder is
 * newer than every full page, so it is within the current feed, which lists the newest
 * {@code size}. Every article is thus in the current feed or an archive; the current feed and the
 * newest archive may overlap, which readers resolve by entry id.
 *
 * <p>Pages counted from the oldest end do not move as articles are published, so a full page keeps
 * its content. They do move when an article is retracted (which must leave the archives) or
 * published with a date older than the newest archived article: every later position shifts by
 * one. Archives are therefore cached for a day rather than forever, and carry strong ETags so that
 * a reader revalidating one after such a change gets the new content.
 */
final class FeedArchives {

    private final int pageSize;

    FeedArchives(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("An archive page holds at least one article, not " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /** How many archive pages {@code total} articles fill: only full pages count. */
    int count(int total) {
        return total / pageSize;
    }

    /**
     * The articles of archive page {@code number}, newest first as in every feed, cut from all the
     * site's articles, newest first; empty when there is no such page.
     */
    Optional<List<Article>> page(List<Article> newestFirst, int number) {
        if (number < 1 || number > count(newestFirst.size())) {
            return Optional.empty();
        }
        // Position p from the oldest is index size - 1 - p from the newest.
        int to = newestFirst.size() - (number - 1) * pageSize;
        return Optional.of(newestFirst.subList(to - pageSize, to));
    }

    /** The path archive page {@code number} is served at in {@code format}, e.g. {@code /archive/3/atom.xml}. */
    static String path(int number, FeedFormat format) {
        return "/archive/" + number + "/" + format.file();
    }

    /** Whether {@code format} is archived; JSON Feed pages with {@code next_url} instead. */
    static boolean archived(FeedFormat format) {
        return format != FeedFormat.JSON;
    }
}
