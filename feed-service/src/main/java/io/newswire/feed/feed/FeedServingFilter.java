package io.newswire.feed.feed;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * Answers {@code GET} and {@code HEAD} of every existing feed ({@code /rss.xml}, {@code /atom.xml},
 * {@code /feed.json} and those under {@code /categories/}, {@code /tags/}, {@code /authors/}) ahead of
 * the rest of the filter chain and of Spring MVC, through {@link FeedResponses}. Anything else (no
 * such feed, a malformed {@code page}, a path parameter, another method, an {@code If-Match}) passes on
 * untouched to {@link FeedController} and Spring MVC, which give the same answer they always did,
 * problem details included.
 *
 * <p>Ahead of the chain means feed answers are not in Spring's {@code http.server.requests}
 * observation; they are counted by {@link FeedRequestCounter} instead, at a fraction of the cost.
 */
class FeedServingFilter extends HttpFilter {

    private final FeedResponses responses;
    private final FeedRequestCounter counter;

    FeedServingFilter(FeedResponses responses, FeedRequestCounter counter) {
        this.responses = responses;
        this.counter = counter;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        FeedRequest feed = FeedResponses.handles(request)
                ? FeedRequest.parse(request.getRequestURI(), request.getContextPath(), request.getQueryString(),
                        request.getParameterValues("page"))
                : null;
        if (feed != null && responses.serve(feed.scope(), feed.format(), feed.page(), request, response)) {
            counter.served(feed.format(), response.getStatus());
            return;
        }
        chain.doFilter(request, response);
    }

    /** A request for the page of a feed in a format, as the path and query name it. */
    record FeedRequest(FeedScope scope, FeedFormat format, int page) {

        /** The request this path names, or null if it names none (or not plainly: left to Spring MVC). */
        static FeedRequest parse(String uri, String contextPath, String query, String[] pages) {
            if (uri == null || !uri.startsWith(contextPath) || uri.indexOf(';') >= 0) {
                return null;
            }
            String path = uri.substring(contextPath.length());
            int page = 1;
            // Other parameters are ignored, as the controller ignores them.
            if (query != null && pages != null) {
                if (pages.length != 1 || !pages[0].matches("[0-9]{1,9}")) {
                    return null;
                }
                page = Integer.parseInt(pages[0]);
            }
            int last = path.lastIndexOf('/');
            FeedFormat format = FeedFormat.byFile(path.substring(last + 1));
            if (format == null) {
                return null;
            }
            if (last == 0) {
                return new FeedRequest(FeedScope.SITE, format, page);
            }
            int second = path.indexOf('/', 1);
            if (second <= 1 || last <= second + 1 || path.indexOf('/', second + 1) != last) {
                return null;
            }
            FeedScope.Kind kind = FeedScope.Kind.bySegment(path.substring(1, second));
            if (kind == null) {
                return null;
            }
            String slug;
            try {
                slug = UriUtils.decode(path.substring(second + 1, last), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
            return new FeedRequest(new FeedScope(kind, slug), format, page);
        }
    }
}
