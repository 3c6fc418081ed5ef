package io.newswire.notify.social;

/** The networks (and webhook kinds) an account can be on; each has one {@link SocialChannel} adapter. */
public enum Network {
    X, FACEBOOK, INSTAGRAM, THREADS, TELEGRAM, MASTODON, BLUESKY, LINKEDIN, DISCORD, SLACK, WEBHOOK, TIKTOK
}
