package io.liaison.node.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UpperChars;

class PemProperties {
    @Property
    void encodeThenDecode_returnsAnyDer(@ForAll @Size(min = 1, max = 3000) byte[] der,
            @ForAll @StringLength(min = 1, max = 20) @UpperChars String label) {
        byte[] pem = Pem.encode(label, der);
        assertThat(Pem.decode(label, pem, "test")).isEqualTo(der);
        assertThat(new String(pem, US_ASCII).lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    }

    @Property
    void decode_toleratesCrlfLineEndsAndSurroundingText(@ForAll @Size(min = 1, max = 500) byte[] der) {
        String pem = new String(Pem.encode("CERTIFICATE", der), US_ASCII).replace("\n", "\r\n");
        byte[] wrapped = ("Bag Attributes\r\n    friendlyName: node\r\n" + pem + "trailing\r\n").getBytes(US_ASCII);
        assertThat(Pem.decode("CERTIFICATE", wrapped, "test")).isEqualTo(der);
    }
}
