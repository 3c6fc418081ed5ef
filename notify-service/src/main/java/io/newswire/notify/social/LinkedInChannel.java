package io.newswire.notify.social;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Posts stories to a LinkedIn organization page as article posts through the versioned
 * <a href="https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api">Posts API</a>
 * ({@code POST /rest/posts}, {@code DELETE /rest/posts/{urn}}).
 *
 * <p>Reads from {@link SocialAccount}: credential {@code access-token} (a member token with
 * {@code w_organization_social}, the member an administrator or content admin of the page);
 * settings {@code organization-id} (the number in {@code urn:li:organization:<id>}) and, optionally,
 * {@code linkedin-version} ({@code YYYYMM}, default {@value #DEFAULT_VERSION}: LinkedIn supports each
 * version for about a year and refuses a request without one, so operators bump it). The default
 * API root is {@code https://api.linkedin.com}.
 *
 * <p>The commentary is written in LinkedIn's
 * <a href="https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format">little
 * text format</a>: its reserved characters are backslash-escaped, or LinkedIn silently cuts the
 * post at the first one. The story link is left as it is (so it stays a link), and the story's
 * hashtags become hashtag templates (so they stay hashtags).
 */
@Component
public class LinkedInChannel implements SocialChannel {

    static final URI DEFAULT_API = URI.create("https://api.linkedin.com");
    static final String DEFAULT_VERSION = "202605";
    private static final String RESERVED = "|{}@[]()<>#\\*_~";
    private static final Pattern DUPLICATE = Pattern.compile("duplicate of (urn:li:[A-Za-z]+:\\d+)");

    private final Clock clock;
    private final RestClient http;

    public LinkedInChannel(Clock clock) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
    }

    @Override
    public Network network() {
        return Network.LINKEDIN;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("source", post.link().toString());
        article.put("title", post.title());
        if (post.summary() != null && !post.summary().isBlank()) {
            article.put("description", post.summary());
        }
        Map<String, Object> distribution = new LinkedHashMap<>();
        distribution.put("feedDistribution", "MAIN_FEED");
        distribution.put("targetEntities", List.of());
        distribution.put("thirdPartyDistributionChannels", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("author", "urn:li:organization:" + account.setting("organization-id"));
        body.put("commentary", commentary(post.text(), post.link().toString(), post.hashtags()));
        body.put("visibility", "PUBLIC");
        body.put("distribution", distribution);
        body.put("content", Map.of("article", article));
        body.put("lifecycleState", "PUBLISHED");
        body.put("isReshareDisabledByAuthor", false);
        String what = "POST /rest/posts";
        PlatformAnswer answer = PlatformAnswer.send(http.post().uri(uri(account, "/rest/posts"))
                .headers(headers -> headers(headers, account))
                .contentType(MediaType.APPLICATION_JSON)
                .body(PlatformAnswer.toJson(body)), what);
        if (!answer.ok()) {
            throw failure(answer, what);
        }
        String urn = answer.headers().getFirst("x-restli-id");
        if (urn == null || urn.isBlank()) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " answered " + answer.status() + " without x-restli-id");
        }
        return published(urn);
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        String what = "DELETE /rest/posts/" + published.id();
        PlatformAnswer answer = PlatformAnswer.send(http.delete()
                .uri(uri(account, "/rest/posts/" + URLEncoder.encode(published.id(), StandardCharsets.UTF_8)))
                .headers(headers -> headers(headers, account))
                .header("X-RestLi-Method", "DELETE"), what);
        // 404 or 410: already gone, which is what a retraction wants.
        if (!answer.ok() && answer.status() != 404 && answer.status() != 410) {
            throw failure(answer, what);
        }
    }

    /**
     * The post text in little text format: reserved characters escaped, the link kept intact,
     * {@code #tag} for each of the story's hashtags turned into {@code {hashtag|\#|tag}}.
     */
    static String commentary(String text, String link, List<String> hashtags) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            if (!link.isEmpty() && text.startsWith(link, i)) {
                out.append(link);
                i += link.length();
                continue;
            }
            String tag = text.charAt(i) == '#' ? hashtagAt(text, i + 1, hashtags) : null;
            if (tag != null) {
                out.append("{hashtag|\\#|").append(escape(tag)).append('}');
                i += 1 + tag.length();
                continue;
            }
            char c = text.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    // The longest of the story's tags written at this point and ending there (not a prefix of a longer word).
    private static String hashtagAt(String text, int start, List<String> hashtags) {
        String found = null;
        for (String tag : hashtags) {
            int end = start + tag.length();
            if (!tag.isEmpty() && text.startsWith(tag, start)
                    && (end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end)) && text.charAt(end) != '_')
                    && (found == null || tag.length() > found.length())) {
                found = tag;
            }
        }
        return found;
    }

    private static PublishedPost published(String urn) {
        return new PublishedPost(urn, URI.create("https://www.linkedin.com/feed/update/" + urn));
    }

    private static void headers(HttpHeaders headers, SocialAccount account) {
        headers.setBearerAuth(account.credential("access-token"));
        headers.set("LinkedIn-Version", account.settings().getOrDefault("linkedin-version", DEFAULT_VERSION));
        headers.set("X-Restli-Protocol-Version", "2.0.0");
    }

    private SocialFailure failure(PlatformAnswer answer, String what) {
        JsonNode json = answer.json();
        String error = json.path("message").asString("");
        String message = what + " answered " + answer.status() + (error.isEmpty() ? "" : ": " + error);
        if (answer.status() == 422 || answer.status() == 400) {
            Matcher duplicate = DUPLICATE.matcher(error);
            if (duplicate.find()) {
                return SocialFailure.duplicate(message, published(duplicate.group(1)));
            }
        }
        if (answer.status() == 429) {
            Duration wait = PlatformResponses.retryAfter(answer.headers(), clock);
            if (wait == null && error.contains("DAY limit")) {
                // LinkedIn's daily quotas reset at midnight UTC and it sends no Retry-After.
                wait = Duration.between(clock.instant(),
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return SocialFailure.rateLimited(message, wait);
        }
        SocialFailure generic = PlatformResponses.failure(answer.status(), answer.headers(), what, clock);
        return new SocialFailure(generic.kind(), message);
    }

    private static URI uri(SocialAccount account, String path) {
        URI base = account.apiBase() == null ? DEFAULT_API : account.apiBase();
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }
}
