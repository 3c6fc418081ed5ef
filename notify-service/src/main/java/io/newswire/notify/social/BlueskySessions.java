package io.newswire.notify.social;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The Bluesky sessions of our accounts: one login ({@code com.atproto.server.createSession}) per
 * account, reused for every post and renewed with {@code com.atproto.server.refreshSession} when
 * the access token expires, because Bluesky rate-limits logins far harder than posts (and a login
 * per post is what gets app passwords locked). A session belongs to the handle and app password it
 * was made with, so new credentials in configuration mean a new login.
 */
final class BlueskySessions {

    /** A live session; the tokens are secrets and stay out of {@link #toString()}. */
    record Session(String did, String handle, String accessJwt, String refreshJwt, int credentials) {

        @Override
        public String toString() {
            return "Session[" + did + ", " + handle + "]";
        }
    }

    private final RestClient http;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    BlueskySessions(RestClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * Sends a call that needs the account's session and returns the answer; when the access token
     * has expired, refreshes the session once and sends the call again.
     */
    PlatformAnswer call(SocialAccount account, String what, Function<String, RestClient.RequestHeadersSpec<?>> request) {
        Session session = current(account);
        PlatformAnswer answer = PlatformAnswer.send(request.apply("Bearer " + session.accessJwt()), what);
        if (BlueskyChannel.isError(answer, "ExpiredToken")) {
            session = refresh(account, session);
            answer = PlatformAnswer.send(request.apply("Bearer " + session.accessJwt()), what);
        }
        if (answer.status() == 401) {
            // Revoked or otherwise dead: the next attempt (after the account is fixed) logs in again.
            sessions.remove(account.id(), session);
        }
        return answer;
    }

    /** The account's session, logging in when there is none or the credentials changed. */
    Session current(SocialAccount account) {
        Session session = sessions.get(account.id());
        if (session != null && session.credentials() == fingerprint(account)) {
            return session;
        }
        synchronized (this) {
            session = sessions.get(account.id());
            if (session == null || session.credentials() != fingerprint(account)) {
                session = createSession(account);
                sessions.put(account.id(), session);
            }
            return session;
        }
    }

    private synchronized Session refresh(SocialAccount account, Session stale) {
        Session now = sessions.get(account.id());
        if (now != null && now != stale) {
            return now; // another post already renewed it
        }
        String what = "POST com.atproto.server.refreshSession";
        PlatformAnswer answer = PlatformAnswer.send(http.post().uri(xrpc(account, "com.atproto.server.refreshSession"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + stale.refreshJwt()), what);
        Session renewed;
        if (answer.ok()) {
            renewed = session(answer, account);
        }
        else if (answer.status() == 400 || answer.status() == 401) {
            // The refresh token has expired too (or was revoked): log in again.
            renewed = createSession(account);
        }
        else {
            throw BlueskyChannel.failure(answer, what, clock);
        }
        sessions.put(account.id(), renewed);
        return renewed;
    }

    private Session createSession(SocialAccount account) {
        String what = "POST com.atproto.server.createSession";
        String body = PlatformAnswer.toJson(Map.of("identifier", account.setting("handle"),
                "password", account.credential("app-password")));
        PlatformAnswer answer = PlatformAnswer.send(http.post().uri(xrpc(account, "com.atproto.server.createSession"))
                .contentType(MediaType.APPLICATION_JSON).body(body), what);
        if (answer.ok()) {
            return session(answer, account);
        }
        SocialFailure failure = BlueskyChannel.failure(answer, what, clock);
        if (answer.status() == 400) {
            // AccountTakedown, AuthFactorTokenRequired ...: the account needs a person, not a retry.
            return rethrow(new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, failure.getMessage()));
        }
        return rethrow(failure);
    }

    private static Session rethrow(SocialFailure failure) {
        throw failure;
    }

    private Session session(PlatformAnswer answer, SocialAccount account) {
        JsonNode json = answer.json();
        String did = json.path("did").asString("");
        String access = json.path("accessJwt").asString("");
        String refresh = json.path("refreshJwt").asString("");
        if (did.isEmpty() || access.isEmpty() || refresh.isEmpty()) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, "Bluesky answered a session without tokens");
        }
        return new Session(did, json.path("handle").asString(account.setting("handle")), access, refresh, fingerprint(account));
    }

    private static int fingerprint(SocialAccount account) {
        return Objects.hash(account.settings().get("handle"), account.credentials().get("app-password"),
                account.apiBase());
    }

    static URI xrpc(SocialAccount account, String method) {
        URI base = account.apiBase() == null ? BlueskyChannel.DEFAULT_API : account.apiBase();
        return URI.create(base.toString().replaceAll("/+$", "") + "/xrpc/" + method);
    }

    /** How long until a {@code RateLimit-Reset} (epoch seconds), or {@code null}. */
    static Duration untilReset(String reset, Clock clock) {
        if (reset == null || !reset.strip().matches("\\d+")) {
            return null;
        }
        Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
