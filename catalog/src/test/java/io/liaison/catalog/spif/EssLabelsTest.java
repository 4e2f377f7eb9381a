package io.liaison.catalog.spif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.ConformanceData;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import io.liaison.core.spif.SpifMarkings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ESS labels and clearances in DER carry everything the other encodings do: every label and clearance of the
 * conformance suite, read from its own encoding, written as DER and read back, is the same label, marked the same.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EssLabelsTest {
    private static final List<String> POLICIES = List.of("tlp.xml", "tlp-plus.xml", "uk-demo.xml",
            "nato-4774-policy.xml");

    @Test
    void everyLabelAndClearanceOfTheSuite_survivesDerUnchanged() throws Exception {
        Path dir = ConformanceData.dir();
        Map<String, Spif> byOid = new java.util.HashMap<>();
        for (String f : POLICIES) {
            Spif s = Spif21Reader.read(Files.readAllBytes(dir.resolve(f)), f);
            byOid.put(s.policy().oid(), s);
            byOid.put(s.policy().name(), s);
        }
        // The food policy as published is not well-formed; a copy with its closing tag spelt right stands in.
        String food = Files.readString(dir.resolve("food-policy.xml")).replace("</securityCategiryTagSet>",
                "</securityCategoryTagSet>");
        Spif foodSpif = Spif21Reader.read(food.getBytes(java.nio.charset.StandardCharsets.UTF_8), "food-policy.xml");
        byOid.put(foodSpif.policy().oid(), foodSpif);
        Function<String, Optional<Spif>> policies = oid -> Optional.ofNullable(byOid.get(oid));
        List<String> checked = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                boolean labelFile = name.startsWith("food-label") || name.startsWith("food-clearance")
                        || name.startsWith("tlpx-") || name.startsWith("uk-demo-") || name.endsWith(".nato")
                        || name.matches("nato-4774-17-\\d\\.xml");
                if (!labelFile) {
                    continue;
                }
                SpifLabel read = SpifLabels.read(Files.readAllBytes(p), name, policies);
                Spif spif = byOid.get(read.policyOid());
                byte[] der = EssLabels.write(read, spif);
                SpifLabel back = EssLabels.read(der, name + " (DER)", policies);
                assertThat(back.kind()).as(name).isEqualTo(read.kind());
                assertThat(new HashSet<>(back.classifications())).as(name).isEqualTo(new HashSet<>(read.classifications()));
                assertThat(back.categories().stream().collect(Collectors.toSet())).as(name)
                        .isEqualTo(read.categories().stream().collect(Collectors.toSet()));
                if (read.kind() == SpifLabel.Kind.LABEL) {
                    assertThat(SpifMarkings.marking(spif, back, Optional.empty())).as(name)
                            .isEqualTo(SpifMarkings.marking(spif, read, Optional.empty()));
                } else {
                    assertThat(SpifMarkings.clearanceMarking(spif, back, Optional.empty())).as(name)
                            .isEqualTo(SpifMarkings.clearanceMarking(spif, read, Optional.empty()));
                }
                assertThat(EssLabels.write(back, spif)).as(name + " writes the same DER").isEqualTo(der);
                checked.add(name);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(15).anyMatch(n -> n.contains("clearance"))
                .anyMatch(n -> n.endsWith(".nato"));
    }

    @Test
    void brokenDer_isRefusedWithTheReason() {
        Function<String, Optional<Spif>> none = oid -> Optional.empty();
        assertThatThrownBy(() -> EssLabels.read(new byte[] {0x31, 0x05, 0x02}, "cut.ber", none))
                .hasMessageContaining("Failed to parse BER/DER encoded label");
        assertThatThrownBy(() -> EssLabels.read(new byte[] {0x02, 0x01, 0x05}, "int.ber", none))
                .hasMessageContaining("an ESS security label is a SET and a clearance a SEQUENCE");
        assertThatThrownBy(() -> EssLabels.read(new byte[] {0x31, 0x03, 0x06, 0x01, 0x29}, "x.ber", none))
                .hasMessage("Unknown policy id: 1.1");
    }
}
