package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedCharsetTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    @Test
    void byteOrderMarkWinsOverPrologAndHeaderAndIsNotPartOfTheText() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "<?xml version=\"1.0\" encoding=\"windows-1251\"?><t>Қар</t>".getBytes(StandardCharsets.UTF_8));

        assertThat(FeedCharset.detect(body, "text/xml; charset=iso-8859-1")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(FeedCharset.decode(body, "text/xml; charset=iso-8859-1")).startsWith("<?xml").endsWith("<t>Қар</t>");
    }

    @Test
    void utf16ByteOrderMarksAreRecognised() {
        byte[] littleEndian = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<t>é</t>".getBytes(StandardCharsets.UTF_16LE));
        byte[] bigEndian = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "<t>é</t>".getBytes(StandardCharsets.UTF_16BE));

        assertThat(FeedCharset.decode(littleEndian, null)).isEqualTo("<t>é</t>");
        assertThat(FeedCharset.decode(bigEndian, null)).isEqualTo("<t>é</t>");
    }

    @Test
    void utf16WithoutAMarkIsRecognisedFromTheShapeOfThePrologue() {
        byte[] body = "<?xml version=\"1.0\"?><t>é</t>".getBytes(StandardCharsets.UTF_16LE);

        assertThat(FeedCharset.decode(body, null)).isEqualTo("<?xml version=\"1.0\"?><t>é</t>");
    }

    @Test
    void prologEncodingWinsOverAWrongHeaderCharset() {
        byte[] body = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><t>Новости</t>".getBytes(WINDOWS_1251);

        assertThat(FeedCharset.decode(body, "text/xml; charset=UTF-8")).endsWith("<t>Новости</t>");
    }

    @Test
    void headerCharsetIsUsedWhenThePrologNamesNone() {
        byte[] body = "<?xml version=\"1.0\"?><t>Новости</t>".getBytes(WINDOWS_1251);

        assertThat(FeedCharset.detect(body, "application/rss+xml; charset=\"windows-1251\"")).isEqualTo(WINDOWS_1251);
        assertThat(FeedCharset.decode(body, "application/rss+xml; charset=\"windows-1251\"")).endsWith("<t>Новости</t>");
    }

    @Test
    void withNoDeclarationAtAllTheBodyIsUtf8() {
        assertThat(FeedCharset.detect("<t/>".getBytes(StandardCharsets.UTF_8), "text/xml")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(FeedCharset.detect("<t/>".getBytes(StandardCharsets.UTF_8), null)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void prologClaimingUtf16OverSingleBytesIsNotBelieved() {
        byte[] body = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><t>é</t>".getBytes(StandardCharsets.UTF_8);

        assertThat(FeedCharset.decode(body, null)).endsWith("<t>é</t>");
    }

    @Test
    void unknownCharsetNamesFallThroughToTheNextSource() {
        byte[] body = "<?xml version=\"1.0\" encoding=\"x-made-up\"?><t>é</t>".getBytes(StandardCharsets.UTF_8);

        assertThat(FeedCharset.detect(body, "text/xml; charset=also-made-up")).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void bytesThatAreInvalidInTheCharsetBecomeReplacementCharactersNotErrors() {
        byte[] body = {'<', 't', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 't', '>'};

        assertThat(FeedCharset.decode(body, null)).isEqualTo("<t>\uFFFD(</t>");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
