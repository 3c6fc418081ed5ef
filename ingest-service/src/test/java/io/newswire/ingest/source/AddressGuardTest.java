package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(FetchPolicy.defaults(), AddressGuardTest::literalOnly);
    private final AddressGuard permissive = new AddressGuard(
            new FetchPolicy(true, true, 1024, Duration.ofSeconds(5), Duration.ofSeconds(20), 5),
            AddressGuardTest::literalOnly);

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1,        a loopback address",
            "127.255.0.9,      a loopback address",
            "::1,              a loopback address",
            "10.0.0.1,         a private address",
            "172.16.0.1,       a private address",
            "172.31.255.254,   a private address",
            "192.168.1.1,      a private address",
            "100.64.0.1,       a private address",
            "100.127.255.254,  a private address",
            "fd12:3456::1,     a private address",
            "fc00::1,          a private address",
            "169.254.169.254,  a link-local address",
            "fe80::1,          a link-local address",
            "0.0.0.0,          an unspecified address",
            "0.1.2.3,          an unspecified address",
            "::,               an unspecified address",
            "224.0.0.1,        a multicast address",
            "ff02::1,          a multicast address",
            "255.255.255.255,  a reserved address",
            "::ffff:10.0.0.1,  a private address",
            "::10.0.0.1,       a private address",
            "64:ff9b::a9fe:a9fe, a link-local address"})
    void addressesInsideOurNetworksAreRefusedByDefault(String address, String reason) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "172.32.0.1", "100.128.0.1", "11.0.0.1", "2606:4700::1111", "192.169.0.1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.1", "192.168.1.1", "fd00::1", "100.64.0.1"})
    void loopbackAndPrivateAddressesAreAllowedWhenConfigured(String address) throws Exception {
        assertThat(permissive.refusal(InetAddress.getByName(address))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "fe80::1", "0.0.0.0", "224.0.0.1"})
    void metadataAndOtherNonFeedAddressesAreRefusedWhateverTheConfiguration(String address) throws Exception {
        assertThat(permissive.refusal(InetAddress.getByName(address))).isNotNull();
    }

    @Test
    void hostIsRefusedWhenAnyOfItsAddressesIsRefused() {
        AddressGuard guard = new AddressGuard(FetchPolicy.defaults(), resolving(Map.of(
                "mixed.example", new String[] {"93.184.216.34", "10.1.2.3"})));

        FetchException refused = catchThrowableOfType(FetchException.class,
                () -> guard.check(URI.create("https://mixed.example/feed")));

        assertThat(refused.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
        assertThat(refused).hasMessageContaining("10.1.2.3").hasMessageContaining("a private address");
    }

    @Test
    void hostWithOnlyPublicAddressesPasses() {
        AddressGuard guard = new AddressGuard(FetchPolicy.defaults(), resolving(Map.of(
                "news.example", new String[] {"93.184.216.34", "2606:2800:220:1::1"})));

        assertThatNoException().isThrownBy(() -> guard.check(URI.create("https://news.example/feed")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://news.example/feed.xml", "gopher://news.example/", "jar:file:/x!/y"})
    void onlyHttpAndHttpsAreFetched(String url) {
        FetchException refused = catchThrowableOfType(FetchException.class, () -> strict.check(URI.create(url)));

        assertThat(refused.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
    }

    @Test
    void unknownHostIsAnIoFailureNotARefusal() {
        FetchException failed = catchThrowableOfType(FetchException.class,
                () -> strict.check(URI.create("https://nowhere.invalid/feed")));

        assertThat(failed.kind()).isEqualTo(FetchException.Kind.IO);
    }

    // Literal addresses only: these tests never look anything up in DNS.
    private static InetAddress[] literalOnly(String host) throws UnknownHostException {
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:.]+]?")) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getAllByName(host);
    }

    private static AddressGuard.Resolver resolving(Map<String, String[]> names) {
        return host -> {
            String[] addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses[i]).getAddress());
            }
            return resolved;
        };
    }
}
