package io.newswire.notify.social;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request with OAuth 1.0a (HMAC-SHA1), the user-context authorization X's API v2 takes for
 * posting, exactly as X's "Creating a signature" describes
 * (https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature) and RFC 5849 §3.4:
 * the signature base string is the method, the base URL and the sorted, percent-encoded query, form
 * and {@code oauth_*} parameters. A JSON body is not a parameter, so it is not signed.
 *
 * <p>The timestamp comes from the clock and the nonce from a supplier, so a test can fix both and
 * check the exact header.
 */
final class OAuth1Signer {

    /** The four secrets of a user-context call: the app's consumer key pair and the user's access token pair. */
    record Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {

        @Override
        public String toString() {
            return "Credentials[consumerKey=" + consumerKey + ", secrets hidden]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Clock clock;
    private final Supplier<String> nonces;

    OAuth1Signer(Clock clock, Supplier<String> nonces) {
        this.clock = clock;
        this.nonces = nonces;
    }

    /** 32 random alphanumeric characters: X asks for a unique alphanumeric nonce per request. */
    static String randomNonce() {
        char[] nonce = new char[32];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return new String(nonce);
    }

    /**
     * The {@code Authorization} header value for a request.
     *
     * @param formParameters the decoded {@code application/x-www-form-urlencoded} body parameters,
     *                       empty for a JSON body or no body; the URL's query parameters are added here
     */
    String authorization(String method, URI url, Map<String, String> formParameters, Credentials credentials) {
        List<String[]> oauth = new ArrayList<>();
        oauth.add(new String[] {"oauth_consumer_key", credentials.consumerKey()});
        oauth.add(new String[] {"oauth_nonce", nonces.get()});
        oauth.add(new String[] {"oauth_signature_method", "HMAC-SHA1"});
        oauth.add(new String[] {"oauth_timestamp", Long.toString(clock.instant().getEpochSecond())});
        oauth.add(new String[] {"oauth_token", credentials.token()});
        oauth.add(new String[] {"oauth_version", "1.0"});

        List<String[]> signed = new ArrayList<>(oauth);
        signed.addAll(queryParameters(url));
        formParameters.forEach((name, value) -> signed.add(new String[] {name, value}));
        String signature = signature(method, baseUrl(url), signed, credentials.consumerSecret(), credentials.tokenSecret());

        oauth.add(new String[] {"oauth_signature", signature});
        oauth.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder header = new StringBuilder("OAuth ");
        for (int i = 0; i < oauth.size(); i++) {
            if (i > 0) {
                header.append(", ");
            }
            header.append(percentEncode(oauth.get(i)[0])).append("=\"").append(percentEncode(oauth.get(i)[1])).append('"');
        }
        return header.toString();
    }

    /** The base64 HMAC-SHA1 signature of the base string built from raw (not yet encoded) parameters. */
    static String signature(String method, String baseUrl, List<String[]> parameters, String consumerSecret,
            String tokenSecret) {
        String key = percentEncode(consumerSecret) + "&" + percentEncode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
            byte[] digest = mac.doFinal(baseString(method, baseUrl, parameters).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA1 is not available", ex);
        }
    }

    /** Method, '&amp;', encoded base URL, '&amp;', encoded parameter string (parameters sorted by encoded name, then value). */
    static String baseString(String method, String baseUrl, List<String[]> parameters) {
        List<String[]> encoded = new ArrayList<>();
        for (String[] parameter : parameters) {
            encoded.add(new String[] {percentEncode(parameter[0]), percentEncode(parameter[1])});
        }
        encoded.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder parameterString = new StringBuilder();
        for (String[] parameter : encoded) {
            if (!parameterString.isEmpty()) {
                parameterString.append('&');
            }
            parameterString.append(parameter[0]).append('=').append(parameter[1]);
        }
        return method.toUpperCase() + "&" + percentEncode(baseUrl) + "&" + percentEncode(parameterString.toString());
    }

    /** RFC 3986 percent-encoding: everything but ALPHA, DIGIT, '-', '.', '_' and '~', as UTF-8 bytes in upper-case hex. */
    static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            }
            else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Scheme and host in lower case, the port only when it is not the scheme's default, the path; no query (RFC 5849 §3.4.1.2). */
    static String baseUrl(URI url) {
        String scheme = url.getScheme().toLowerCase();
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return scheme + "://" + url.getHost().toLowerCase() + (defaultPort ? "" : ":" + port) + path;
    }

    private static List<String[]> queryParameters(URI url) {
        List<String[]> parameters = new ArrayList<>();
        String query = url.getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.add(new String[] {URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)});
        }
        return parameters;
    }
}
