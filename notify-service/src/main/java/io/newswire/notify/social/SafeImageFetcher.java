package io.newswire.notify.social;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The production {@link ImageFetcher}: https only, every address the host resolves to must be a
 * public one (no loopback, private, link-local, unique-local, carrier-grade NAT, multicast or
 * reserved address: the rule of ingest's {@code AddressGuard}, kept to what an image URL needs),
 * no redirects (a redirect could lead inside), bounded waits, at most {@value #MAX_BYTES} bytes
 * (Bluesky's thumbnail limit) and only {@code image/*} answers. Anything else: no image.
 *
 * <p>Known limit: the address is checked before the HTTP client resolves the name again, so a
 * name whose DNS answer changes in between (DNS rebinding) is not caught; https with a valid
 * certificate for the name makes that hard to use. Tests inject their own fetcher, since their
 * stand-ins are on http and loopback.
 */
final class SafeImageFetcher implements ImageFetcher {

    static final int MAX_BYTES = 1_000_000;

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final HttpClient http;

    SafeImageFetcher() {
        this(InetAddress::getAllByName);
    }

    SafeImageFetcher(Resolver resolver) {
        this.resolver = resolver;
        this.http = HttpClient.newBuilder()
                .connectTimeout(PlatformResponses.CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<FetchedImage> fetch(URI url) {
        if (!allowed(url)) {
            return Optional.empty();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                if (response.statusCode() != 200 || !type.startsWith("image/")) {
                    return Optional.empty();
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length == 0 || bytes.length > MAX_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(new FetchedImage(bytes, type.split(";")[0].strip()));
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            return Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether the URL is https and its host resolves only to public addresses. */
    boolean allowed(URI url) {
        if (url == null || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getHost().isBlank()) {
            return false;
        }
        try {
            InetAddress[] addresses = resolver.resolve(url.getHost());
            if (addresses == null || addresses.length == 0) {
                return false;
            }
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    return false;
                }
            }
            return true;
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            return first != 0 // 0.0.0.0/8 "this network"
                    && (first & 0xF0) != 0xF0 // 240.0.0.0/4 reserved, broadcast
                    && !(first == 100 && (bytes[1] & 0xC0) == 64); // 100.64.0.0/10 carrier-grade NAT
        }
        if (address instanceof Inet6Address v6) {
            if ((bytes[0] & 0xFE) == 0xFC) { // fc00::/7 unique local
                return false;
            }
            boolean nat64 = (bytes[0] & 0xFF) == 0x00 && (bytes[1] & 0xFF) == 0x64 && (bytes[2] & 0xFF) == 0xFF
                    && (bytes[3] & 0xFF) == 0x9B;
            if (v6.isIPv4CompatibleAddress() || nat64) { // an IPv4 address inside: judge that one
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                }
                catch (UnknownHostException ex) {
                    return false;
                }
            }
        }
        return true;
    }
}
