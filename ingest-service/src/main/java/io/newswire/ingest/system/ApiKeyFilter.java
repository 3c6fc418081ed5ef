package io.newswire.ingest.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /api/**} request by its {@code Authorization: Bearer} key against the
 * configured key hashes, comparing in constant time. Refusals are RFC 9457 problem details.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final List<ApiProperties.Client> clients;
    private final ProblemResponses problems;

    ApiKeyFilter(ApiProperties properties, ProblemResponses problems) {
        this.clients = properties.clients().stream()
                .filter(c -> c.keySha256() != null && !c.keySha256().isBlank())
                .toList();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "Send an API key as 'Authorization: Bearer <key>'.");
            return;
        }
        Optional<ApiProperties.Client> client = clientFor(authorization.substring(BEARER.length()).strip());
        if (client.isEmpty()) {
            refuse(request, response, "The API key is not known.");
            return;
        }
        new ApiClient(client.get().name(), Set.copyOf(client.get().scopes())).bindTo(request);
        chain.doFilter(request, response);
    }

    private Optional<ApiProperties.Client> clientFor(String key) {
        byte[] presented = sha256(key);
        ApiProperties.Client match = null;
        // Check every client, so the time taken does not tell which hash came close.
        for (ApiProperties.Client client : clients) {
            byte[] expected = HexFormat.of().parseHex(client.keySha256().strip().toLowerCase());
            if (MessageDigest.isEqual(presented, expected)) {
                match = client;
            }
        }
        return Optional.ofNullable(match);
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
