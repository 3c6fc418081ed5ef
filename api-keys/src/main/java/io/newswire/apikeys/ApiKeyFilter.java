package io.newswire.apikeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request it is mapped to by its {@code Authorization: Bearer} key against the
 * configured key hashes, comparing in constant time. Refusals are RFC 9457 problem details.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final int SHA256_BYTES = 32;

    private record KnownKey(ApiClient client, byte[] sha256) {
    }

    private final List<KnownKey> keys;
    private final ProblemResponses problems;

    ApiKeyFilter(List<ApiKeyProperties.Client> clients, ProblemResponses problems) {
        this.keys = parse(clients);
        this.problems = problems;
    }

    /**
     * Reads every hash once, at start: a malformed one stops the service with a message naming its
     * client, instead of failing every request later. A blank hash leaves its client disabled.
     */
    private static List<KnownKey> parse(List<ApiKeyProperties.Client> clients) {
        List<KnownKey> keys = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            ApiKeyProperties.Client client = clients.get(i);
            if (client.keySha256() == null || client.keySha256().isBlank()) {
                continue;
            }
            byte[] sha256;
            try {
                sha256 = HexFormat.of().parseHex(client.keySha256().strip().toLowerCase());
            }
            catch (IllegalArgumentException ex) {
                sha256 = new byte[0];
            }
            if (sha256.length != SHA256_BYTES) {
                // The message names the client, never the configured value.
                throw new IllegalStateException("newswire.api.clients[" + i + "] (" + client.name()
                        + "): key-sha256 must be 64 hex digits, the SHA-256 of the key");
            }
            keys.add(new KnownKey(new ApiClient(client.name(), Set.copyOf(client.scopes())), sha256));
        }
        return List.copyOf(keys);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "Send an API key as 'Authorization: Bearer <key>'.");
            return;
        }
        ApiClient client = clientFor(authorization.substring(BEARER.length()).strip());
        if (client == null) {
            refuse(request, response, "The API key is not known.");
            return;
        }
        client.bindTo(request);
        chain.doFilter(request, response);
    }

    private ApiClient clientFor(String key) {
        byte[] presented = sha256(key);
        ApiClient match = null;
        // Check every client, so the time taken does not tell which hash came close.
        for (KnownKey known : keys) {
            if (MessageDigest.isEqual(presented, known.sha256())) {
                match = known.client();
            }
        }
        return match;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newswire\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", ex);
        }
    }
}
