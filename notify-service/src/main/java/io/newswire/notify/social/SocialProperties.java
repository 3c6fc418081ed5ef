package io.newswire.notify.social;

import io.newswire.events.Article;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The social accounts the newsroom posts to, and how their posts are worked off.
 *
 * <p>Credentials come from configuration or the environment:
 * {@code NEWSWIRE_SOCIAL_ACCOUNTS_0_CREDENTIALS_ACCESS_TOKEN} binds to credential
 * {@code access-token} of the first account. Credential and setting keys are kebab-case (the
 * binder turns the environment's {@code ACCESS_TOKEN} into {@code access.token}, which is read as
 * {@code access-token}). Nothing here prints a credential.
 *
 * @param accounts every account, in configuration order
 * @param work     the work topic {@code newswire.social.work} and its consumers
 * @param retry    how a post that failed for now (5xx, timeout, 429) is retried before it is dead-lettered
 */
@ConfigurationProperties("newswire.social")
record SocialProperties(@DefaultValue List<Account> accounts, @DefaultValue Work work, @DefaultValue Retry retry) {

    /**
     * The real API root of each network, for accounts that do not set {@code api-base}. Mastodon
     * (one API per instance) and the generic webhook (a URL per account) have none.
     */
    static final Map<Network, URI> DEFAULT_API_BASES = defaultApiBases();

    SocialProperties {
        Set<String> ids = new HashSet<>();
        for (Account account : accounts) {
            Assert.isTrue(ids.add(account.id()), () -> "newswire.social.accounts: account id '" + account.id() + "' is used twice");
        }
    }

    /** The configured account with this id. */
    Optional<Account> account(String id) {
        return accounts.stream().filter(account -> account.id().equals(id)).findFirst();
    }

    /**
     * How many work records one poll of {@link SocialWorkListener} returns: {@code work.max-poll-records},
     * but no more than the slowest rate-limited account can post within {@link Work#POLL_WAIT_BUDGET},
     * since one consumer thread waits for the tokens of a poll's posts one after another, and the poll
     * must be done within {@code max.poll.interval.ms} or the group hands its partitions to another
     * consumer while this one is still posting. At least 1.
     */
    int recordsPerPoll() {
        int records = work.maxPollRecords();
        for (Account account : accounts) {
            double perMinute = account.rateLimit().postsPerMinute();
            if (account.enabled() && perMinute > 0) {
                records = Math.min(records, (int) (Work.POLL_WAIT_BUDGET.toSeconds() * perMinute / 60));
            }
        }
        return Math.max(1, records);
    }

    /**
     * One account.
     *
     * @param id          its name in the ledger and the admin API, e.g. {@code x-main}; never changed once used
     * @param network     the platform
     * @param apiBase     the platform's API root; {@link #DEFAULT_API_BASES} when absent
     * @param credentials tokens and secrets by kebab-case name (see each adapter's Javadoc)
     * @param settings    non-secret settings by kebab-case name; {@code limit} overrides the network's text limit
     * @param filters     which stories it gets (every story when all are empty)
     * @param template    the formatter's template for this account; {@code null} for the formatter's default
     * @param rateLimit   how often it may post
     * @param enabled     a disabled account is planned no new work and its queued work is dropped
     */
    record Account(
            String id,
            Network network,
            URI apiBase,
            Map<String, String> credentials,
            Map<String, String> settings,
            @DefaultValue Filters filters,
            String template,
            @DefaultValue RateLimit rateLimit,
            @DefaultValue("true") boolean enabled) {

        Account {
            Assert.hasText(id, "newswire.social.accounts[].id is required");
            Assert.notNull(network, () -> "newswire.social.accounts[" + id + "].network is required (one of "
                    + List.of(Network.values()) + ")");
            credentials = kebab(credentials);
            settings = kebab(settings);
            if (apiBase == null) {
                apiBase = DEFAULT_API_BASES.get(network);
            }
            Assert.isTrue(apiBase != null || (network == Network.WEBHOOK && (credentials.containsKey("url") || settings.containsKey("url"))),
                    () -> "newswire.social.accounts[" + id + "].api-base is required for " + network
                            + (network == Network.WEBHOOK ? " (or a credential or setting 'url')" : ""));
        }

        /**
         * Whether a story goes to this account: its filters match, and the network can show it at
         * all. Instagram and TikTok posts are photos, so a story without an https lead image is not
         * planned for them (the adapters would only refuse it).
         */
        boolean takes(Article article) {
            if (!filters.matches(article)) {
                return false;
            }
            boolean photoOnly = network == Network.INSTAGRAM || network == Network.TIKTOK;
            return !photoOnly || (article.leadImage() != null && article.leadImage().url() != null
                    && "https".equalsIgnoreCase(article.leadImage().url().getScheme()));
        }

        /** As the adapters see it. */
        SocialAccount toSocialAccount() {
            return new SocialAccount(id, network, apiBase, credentials, settings);
        }

        @Override
        public String toString() {
            return "Account[" + id + ", " + network + ", " + apiBase + ", credentials=" + credentials.keySet()
                    + ", settings=" + settings + ", " + filters + ", enabled=" + enabled + "]";
        }

        private static Map<String, String> kebab(Map<String, String> values) {
            Map<String, String> copy = new LinkedHashMap<>();
            if (values != null) {
                values.forEach((key, value) -> copy.put(key.toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-'), value));
            }
            return Map.copyOf(copy);
        }
    }

    /**
     * Which stories an account gets: a story matches when it has one of the categories (if any
     * are given), one of the tags (if any) and one of the languages (if any). Case does not matter;
     * a language {@code en} matches {@code en-GB}.
     */
    record Filters(@DefaultValue List<String> categories, @DefaultValue List<String> tags, @DefaultValue List<String> languages) {

        Filters {
            categories = lower(categories);
            tags = lower(tags);
            languages = lower(languages);
        }

        boolean matches(io.newswire.events.Article article) {
            return anyOf(categories, article.categories()) && anyOf(tags, article.tags()) && language(article.language());
        }

        private boolean language(String language) {
            if (languages.isEmpty()) {
                return true;
            }
            if (language == null) {
                return false;
            }
            String lower = language.strip().toLowerCase(Locale.ROOT);
            return languages.stream().anyMatch(wanted -> lower.equals(wanted) || lower.startsWith(wanted + "-"));
        }

        private static boolean anyOf(List<String> wanted, List<String> has) {
            return wanted.isEmpty() || has.stream().filter(value -> value != null)
                    .map(value -> value.strip().toLowerCase(Locale.ROOT)).anyMatch(wanted::contains);
        }

        private static List<String> lower(List<String> values) {
            return values == null ? List.of() : values.stream().map(value -> value.strip().toLowerCase(Locale.ROOT)).toList();
        }
    }

    /**
     * A token bucket per account, per instance.
     *
     * @param postsPerMinute the average rate; 0 turns the limit off
     * @param burst          how many posts may go out at once after a quiet spell
     */
    record RateLimit(@DefaultValue("30") double postsPerMinute, @DefaultValue("5") int burst) {

        RateLimit {
            Assert.isTrue(postsPerMinute >= 0, "posts-per-minute must not be negative");
            Assert.isTrue(burst >= 1, "burst must be at least 1");
        }
    }

    /**
     * @param partitions  partitions of {@code newswire.social.work}: records are keyed by account, so
     *                    one account's posts go out in order, from one consumer at a time
     * @param replicas    replication factor of the work topic and its dead-letter topic
     * @param concurrency consumer threads per instance on the work topic
     * @param drainTimeout on shutdown, how long to wait for the posts in flight to be answered and recorded
     * @param maxPollRecords the most work records one poll returns; the offsets are committed once per
     *                     poll. Fewer when a rate-limited account is slow (see {@link SocialProperties#recordsPerPoll})
     */
    record Work(@DefaultValue("12") int partitions, @DefaultValue("1") short replicas, @DefaultValue("2") int concurrency,
            @DefaultValue("30s") Duration drainTimeout, @DefaultValue("20") int maxPollRecords) {

        /**
         * How long a poll's waits for its accounts' tokens may take in all. The poll must be done
         * within {@code max.poll.interval.ms} (15 min), and a 429 on its last record may add a wait
         * of up to {@link Retry#maxRateLimitWait} (10 min) before the next poll: 2 min of token waits
         * leave 3 for the calls (a call that times out ends the poll, its record is retried).
         */
        static final Duration POLL_WAIT_BUDGET = Duration.ofMinutes(2);

        Work {
            Assert.isTrue(partitions > 0, "newswire.social.work.partitions must be positive");
            Assert.isTrue(concurrency > 0, "newswire.social.work.concurrency must be positive");
            Assert.isTrue(maxPollRecords > 0, "newswire.social.work.max-poll-records must be positive");
        }
    }

    /**
     * @param initialInterval       wait before the first retry of a post that failed for now (5xx, timeout)
     * @param multiplier            growth of that wait
     * @param maxInterval           the longest such wait
     * @param maxRetries            retries after the first attempt; then the work is dead-lettered and the post 'failed'
     * @param maxRateLimitedRetries how many 429s in a row one post waits out before it is dead-lettered
     * @param maxRateLimitWait      the longest a single 429 is waited out (the consumer thread waits, so this
     *                              stays well inside {@code max.poll.interval.ms})
     */
    record Retry(@DefaultValue("2s") Duration initialInterval, @DefaultValue("2.0") double multiplier,
            @DefaultValue("60s") Duration maxInterval, @DefaultValue("6") int maxRetries,
            @DefaultValue("10") int maxRateLimitedRetries, @DefaultValue("10m") Duration maxRateLimitWait) {
    }

    private static Map<Network, URI> defaultApiBases() {
        Map<Network, URI> bases = new EnumMap<>(Network.class);
        bases.put(Network.X, URI.create("https://api.x.com"));
        bases.put(Network.FACEBOOK, URI.create("https://graph.facebook.com"));
        bases.put(Network.INSTAGRAM, URI.create("https://graph.facebook.com"));
        bases.put(Network.THREADS, URI.create("https://graph.threads.net"));
        bases.put(Network.TELEGRAM, URI.create("https://api.telegram.org"));
        bases.put(Network.BLUESKY, URI.create("https://bsky.social"));
        bases.put(Network.LINKEDIN, URI.create("https://api.linkedin.com"));
        bases.put(Network.DISCORD, URI.create("https://discord.com"));
        bases.put(Network.SLACK, URI.create("https://hooks.slack.com"));
        bases.put(Network.TIKTOK, URI.create("https://open.tiktokapis.com"));
        return Map.copyOf(bases);
    }
}
