package io.newswire.ingest.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of an article URL used to recognise the same article arriving twice: once from a feed
 * with campaign parameters, once pushed by the newsroom without them.
 */
public final class CanonicalUrl {

    // Parameters that mark where a reader came from, never which page they asked for.
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "mc_cid", "mc_eid");

    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9a-fA-F]{2}");

    private CanonicalUrl() {
    }

    /**
     * Lower-cases scheme and host, drops the default port, tracking parameters ({@code utm_*},
     * {@code fbclid}, {@code gclid}, {@code mc_cid}, {@code mc_eid}) and the fragment, resolves
     * dot segments, gives an empty path as {@code /} and writes non-ASCII characters and
     * percent-escapes in one (upper-case) form. Relative and opaque URIs ({@code tag:},
     * {@code mailto:}) are returned unchanged.
     */
    public static URI canonicalize(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
            return uri;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        StringBuilder url = new StringBuilder(scheme).append("://");
        if (host == null) {
            // A registry-based authority (no parseable host) is kept as written.
            url.append(uri.getRawAuthority());
        }
        else {
            if (uri.getRawUserInfo() != null) {
                url.append(uri.getRawUserInfo()).append('@');
            }
            url.append(host);
            if (port != -1) {
                url.append(':').append(port);
            }
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        url.append(path);
        String query = withoutTracking(uri.getRawQuery());
        if (query != null) {
            url.append('?').append(query);
        }
        try {
            URI canonical = new URI(url.toString()).normalize();
            return new URI(upperCaseEscapes(canonical.toASCIIString()));
        }
        catch (URISyntaxException ex) {
            // The parts came from a valid URI, so rebuilding cannot fail; keep the input if it does.
            return uri;
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -2;
        };
    }

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                kept.add(parameter);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    private static String upperCaseEscapes(String url) {
        Matcher escapes = PERCENT_ESCAPE.matcher(url);
        StringBuilder result = new StringBuilder(url.length());
        while (escapes.find()) {
            escapes.appendReplacement(result, escapes.group().toUpperCase(Locale.ROOT));
        }
        escapes.appendTail(result);
        return result.toString();
    }
}
