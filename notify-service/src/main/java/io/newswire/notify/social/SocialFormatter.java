package io.newswire.notify.social;

import io.newswire.events.Article;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * PLACEHOLDER, replaced at merge by the formatter of branch wip/social-format (same public API).
 * It only joins title and link and cuts the title by code points; the real one applies templates
 * and each network's length rule.
 */
@Component
public class SocialFormatter {

    public SocialFormatter() {
    }

    public SocialPost format(Article article, String template, Network network, int limit, String idempotencyKey) {
        String link = article.url() == null ? "" : article.url().toString();
        String title = article.title() == null ? "" : article.title();
        int room = Math.max(0, limit - link.length() - 1);
        if (title.codePointCount(0, title.length()) > room) {
            title = title.substring(0, title.offsetByCodePoints(0, Math.max(0, room - 1))) + "…";
        }
        List<String> hashtags = article.tags().stream().map(tag -> tag.replaceAll("[^\\p{L}\\p{N}_]", "")).toList();
        SocialPost.Image image = article.leadImage() == null ? null
                : new SocialPost.Image(article.leadImage().url(), article.leadImage().altText(), article.leadImage().mediaType());
        return new SocialPost(article.id(), (title + " " + link).strip(), article.url(), article.title(),
                article.summary() == null ? "" : article.summary(), image, hashtags, article.language(), idempotencyKey);
    }

    public static int defaultLimit(Network network) {
        return switch (network) {
            case X -> 280;
            case MASTODON, THREADS -> 500;
            case BLUESKY -> 300;
            case TELEGRAM -> 4096;
            case LINKEDIN -> 3000;
            case DISCORD -> 2000;
            case INSTAGRAM, TIKTOK -> 2200;
            case FACEBOOK -> 63206;
            case SLACK -> 40000;
            case WEBHOOK -> Integer.MAX_VALUE / 2;
        };
    }
}
