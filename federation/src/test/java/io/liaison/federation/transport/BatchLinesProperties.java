package io.liaison.federation.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A batch's body split as bytes gives the lines, and the blank ones, that splitting its text gave. */
class BatchLinesProperties {
    @Property(tries = 2000)
    void splittingTheBytes_isSplittingTheText(@ForAll("bodies") String body) {
        List<String> asText = Arrays.stream(body.split("\n")).filter(l -> !l.isBlank()).toList();
        List<String> asBytes = FederationListener.lines(body.getBytes(StandardCharsets.UTF_8)).stream()
                .filter(l -> !FederationListener.blank(l)).map(l -> new String(l, StandardCharsets.UTF_8)).toList();
        assertThat(asBytes).isEqualTo(asText);
        if (!body.isEmpty()) {
            assertThat(FederationListener.lines(body.getBytes(StandardCharsets.UTF_8))).hasSize(body.split("\n").length);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        // Line breaks, ASCII and other white space (U+3000, U+2028, U+00A0, which is not white space), and text.
        return Arbitraries.of("\n", " ", "\t", "\r", "\u000B", "\u001F", "\u3000", "\u2028", "\u00A0", "{", "a", "軍", "=")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }
}
