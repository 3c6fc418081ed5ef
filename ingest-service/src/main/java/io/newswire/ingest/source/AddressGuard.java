package io.newswire.ingest.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Keeps the fetcher from being pointed at the inside of our own network (SSRF): a source URL,
 * and every redirect, must be http(s) and resolve only to addresses the {@link FetchPolicy} allows.
 */
final class AddressGuard {

    /** Name resolution, replaceable so tests can make a name resolve anywhere without DNS. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final FetchPolicy policy;
    private final Resolver resolver;

    AddressGuard(FetchPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * Refuses the URL unless every address its host resolves to is allowed; refusing on any
     * (not all) matters because the HTTP client may pick any of them.
     */
    void check(URI url) throws FetchException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(FetchException.Kind.REFUSED_ADDRESS, "only http and https are fetched: " + url);
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new FetchException(FetchException.Kind.REFUSED_ADDRESS, "no valid host in " + url);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        }
        catch (UnknownHostException ex) {
            throw new FetchException(FetchException.Kind.IO, "unknown host " + host, ex);
        }
        if (addresses == null || addresses.length == 0) {
            throw new FetchException(FetchException.Kind.IO, "unknown host " + host);
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                throw new FetchException(FetchException.Kind.REFUSED_ADDRESS,
                        url + " resolves to " + address.getHostAddress() + ", " + refusal);
            }
        }
    }

    /** Why the address is refused under the policy, or {@code null} when it is allowed. */
    String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return policy.allowLoopback() ? null : "a loopback address";
        }
        if (address.isAnyLocalAddress() || isInThisNetwork(address)) {
            return "an unspecified address";
        }
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != null) {
            return refusal(embedded);
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (isReserved(address)) {
            return "a reserved address";
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address) || isSharedAddressSpace(address)) {
            return policy.allowPrivate() ? null : "a private address";
        }
        return null;
    }

    // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address inside.
    // (::ffff:a.b.c.d needs nothing: Java already turns it into an Inet4Address.)
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] bytes = address.getAddress();
        boolean compatible = ((Inet6Address) address).isIPv4CompatibleAddress();
        boolean nat64 = (bytes[0] & 0xFF) == 0x00 && (bytes[1] & 0xFF) == 0x64 && (bytes[2] & 0xFF) == 0xFF
                && (bytes[3] & 0xFF) == 0x9B && Arrays.equals(bytes, 4, 12, new byte[8], 0, 8);
        if (!compatible && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }

    // 0.0.0.0/8: "this network", which some stacks route to the local host.
    private static boolean isInThisNetwork(InetAddress address) {
        return address instanceof Inet4Address && (address.getAddress()[0] & 0xFF) == 0;
    }

    // 240.0.0.0/4, including the broadcast address.
    private static boolean isReserved(InetAddress address) {
        return address instanceof Inet4Address && (address.getAddress()[0] & 0xF0) == 0xF0;
    }

    // fc00::/7; Java's isSiteLocalAddress only knows the deprecated fec0::/10.
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC;
    }

    // 100.64.0.0/10, carrier-grade NAT, used inside some cloud networks.
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
    }
}
