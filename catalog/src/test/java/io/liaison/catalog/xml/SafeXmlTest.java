package io.liaison.catalog.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.label.LabelXml;
import io.liaison.catalog.spif.PolicyFile;
import io.liaison.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(120)
class SafeXmlTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void externalEntity_isRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<originatorConfidentialityLabel xmlns=\"" + LabelXml.NS + "\"><ConfidentialityInformation>"
                + "<PolicyIdentifier>&x;</PolicyIdentifier><Classification>SECRET</Classification>"
                + "</ConfidentialityInformation><CreationDateTime>2020-01-01T00:00:00Z</CreationDateTime>"
                + "</originatorConfidentialityLabel>";
        assertThatThrownBy(() -> LabelXml.read(utf8(xxe), "xxe.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("xxe.xml")
                .hasMessageContaining("DOCTYPE is not allowed")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void billionLaughs_isRefusedBeforeAnyExpansion() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        sb.append("]><SPIF xmlns=\"http://www.xmlspif.org/spif\">&lol9;</SPIF>");
        long start = System.nanoTime();
        assertThatThrownBy(() -> PolicyFile.read(utf8(sb.toString()), "lolz.xml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("DOCTYPE is not allowed");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void parameterEntityAndExternalDtd_areRefused() {
        String pe = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://127.0.0.1:9/evil.dtd\"><x/>";
        assertThatThrownBy(() -> SafeXml.parse(utf8(pe), "dtd.xml", 1000)).hasMessageContaining("DOCTYPE is not allowed");
    }

    @Test
    void oversizedInput_isRefusedBeforeParsing() {
        byte[] big = new byte[LabelXml.MAX_BYTES + 1];
        assertThatThrownBy(() -> LabelXml.read(big, "big.xml"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("XML_TOO_LARGE"))
                .hasMessageContaining("over the limit of 65536 bytes");
    }

    @Test
    void garbage_isRefusedWithTheSourceAndLine() {
        assertThatThrownBy(() -> SafeXml.parse(utf8("<a><b></a>"), "garbage.xml", 1000))
                .hasMessageStartingWith("garbage.xml: line 1:");
        assertThatThrownBy(() -> SafeXml.parse(utf8("\u0000\u0001binary"), "bin.xml", 1000))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SafeXml.parse(new byte[0], "empty.xml", 1000)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void xinclude_isNotProcessed(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.xml");
        Files.writeString(other, "<Classification xmlns=\"" + LabelXml.NS + "\">SECRET</Classification>");
        String xml = "<originatorConfidentialityLabel xmlns=\"" + LabelXml.NS + "\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<ConfidentialityInformation><PolicyIdentifier>US DoD</PolicyIdentifier>"
                + "<xi:include href=\"" + other.toUri() + "\"/></ConfidentialityInformation>"
                + "<CreationDateTime>2020-01-01T00:00:00Z</CreationDateTime></originatorConfidentialityLabel>";
        assertThatThrownBy(() -> LabelXml.read(utf8(xml), "xi.xml")).hasMessageContaining("Classification is required");
    }

    @Test
    void reusedParsers_stayHardened_afterGoodAndRefusedDocuments(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String good = "<a xmlns=\"urn:x\"><b>1</b></a>";
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><a>&x;</a>";
        for (int round = 0; round < 200; round++) {
            assertThat(SafeXml.parse(utf8(good), "good.xml", 1 << 20).getDocumentElement().getLocalName()).isEqualTo("a");
            assertThatThrownBy(() -> SafeXml.parse(utf8(xxe), "xxe.xml", 1 << 20))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("DOCTYPE is not allowed")
                    .hasMessageNotContaining("TOP-SECRET-CONTENT");
            assertThatThrownBy(() -> SafeXml.parse(utf8("<a><b></a>"), "broken.xml", 1 << 20))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("broken.xml");
        }
    }
}
