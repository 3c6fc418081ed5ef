package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.feed.feed.FeedServingFilter.FeedRequest;
import org.junit.jupiter.api.Test;

/** Which requests the filter answers itself; everything else must reach Spring MVC unchanged. */
class FeedServingFilterTest {

    @Test
    void namesTheSiteAndEachScopedFeedWithItsPage() {
        assertThat(FeedRequest.parse("/rss.xml", "", null, null))
                .isEqualTo(new FeedRequest(FeedScope.SITE, FeedFormat.RSS, 1));
        assertThat(FeedRequest.parse("/feed.json", "", "page=3", new String[] {"3"}))
                .isEqualTo(new FeedRequest(FeedScope.SITE, FeedFormat.JSON, 3));
        assertThat(FeedRequest.parse("/categories/%D2%9B%D0%B0%D0%BB%D0%B0/atom.xml", "", "utm_source=x", null))
                .isEqualTo(new FeedRequest(new FeedScope(FeedScope.Kind.CATEGORY, "қала"), FeedFormat.ATOM, 1));
        assertThat(FeedRequest.parse("/app/authors/ada/rss.xml", "/app", null, null))
                .isEqualTo(new FeedRequest(new FeedScope(FeedScope.Kind.AUTHOR, "ada"), FeedFormat.RSS, 1));
    }

    @Test
    void leavesEverythingElseToSpringMvc() {
        for (String path : new String[] {"/", "/rss.xml/", "/feeds", "/archive/1/rss.xml", "/rss.xml;jsessionid=1",
                "/categories/rss.xml", "/topics/city/rss.xml", "/categories/a/b/rss.xml", "/categories//rss.xml",
                "/categories/%zz/rss.xml", "/categories/city/index.html"}) {
            assertThat(FeedRequest.parse(path, "", null, null)).as(path).isNull();
        }
        // A page that is not a plain number gets Spring's 400, two pages are ambiguous.
        assertThat(FeedRequest.parse("/feed.json", "", "page=two", new String[] {"two"})).isNull();
        assertThat(FeedRequest.parse("/feed.json", "", "page=", new String[] {""})).isNull();
        assertThat(FeedRequest.parse("/feed.json", "", "page=1&page=2", new String[] {"1", "2"})).isNull();
    }
}
