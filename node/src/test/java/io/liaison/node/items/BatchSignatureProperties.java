package io.liaison.node.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.IntegrityException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.crypto.NodeSigner;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Items signed together ({@link ItemIntegrity#signAll}) each verify alone, on a node that remembers nothing of their
 * signing too, and any change to one item's signature text, to its place, or to one of its fields fails its check.
 */
class BatchSignatureProperties {
    private static final NodeSigner SIGNER = NodeSigner.generate(new SecureRandom());
    private static final String HEX = "0123456789abcdef";

    /** A batch of {@code size} items, one of them ({@code target}), and a change at {@code at} of its signature. */
    record Case(int size, int target, int at, char replacement) {}

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.integers().between(2, 70).flatMap(size -> Combinators.combine(
                Arbitraries.integers().between(0, size - 1), Arbitraries.integers().between(0, 10_000),
                Arbitraries.chars().with((HEX + ":0123456789ABCDEFxg-+ é").toCharArray()))
                .as((target, at, c) -> new Case(size, target, at, c)));
    }

    @Property(tries = 150)
    void everyItemOfABatchVerifiesAlone_andAnyChangedCharacterOfItsSignatureFails(@ForAll("cases") Case c) {
        List<StoredItem> signed = new ItemIntegrity(SIGNER).signAll(items(c.size()));
        assertThat(signed).allSatisfy(s -> assertThat(s.signature()).startsWith("b1:")
                .hasSizeLessThanOrEqualTo(ItemSignature.MAX_WRITTEN));
        ItemIntegrity fresh = new ItemIntegrity(SIGNER);
        signed.forEach(fresh::verify);

        StoredItem target = signed.get(c.target());
        String text = target.signature();
        int at = c.at() % text.length();
        String changed = text.substring(0, at) + c.replacement() + text.substring(at + 1);
        if (!changed.equals(text)) {
            assertThatThrownBy(() -> fresh.verify(target.signed(changed))).as("%s at %d", c.replacement(), at)
                    .isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> new ItemIntegrity(SIGNER).verify(target.signed(changed)))
                    .isInstanceOf(IntegrityException.class);
        }
        // Another item's signature, a title changed, a character cut or added: each fails too.
        StoredItem other = signed.get((c.target() + 1) % c.size());
        assertThatThrownBy(() -> fresh.verify(target.signed(other.signature()))).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> fresh.verify(retitled(target))).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> fresh.verify(target.signed(text.substring(0, text.length() - 1))))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> fresh.verify(target.signed(text + "0"))).isInstanceOf(IntegrityException.class);
        // The unchanged item still verifies after all that.
        assertThat(fresh.verify(target).item()).isEqualTo(target);
    }

    @Property(tries = 20)
    void anotherNodesKey_verifiesNoneOfThem(@ForAll("cases") Case c) {
        List<StoredItem> signed = new ItemIntegrity(SIGNER).signAll(items(c.size()));
        ItemIntegrity stranger = new ItemIntegrity(NodeSigner.generate(new SecureRandom()));
        signed.forEach(s -> assertThatThrownBy(() -> stranger.verify(s)).isInstanceOf(IntegrityException.class));
    }

    @org.junit.jupiter.api.Test
    void oneItemIsSignedAlone_andBatchesLargerThanTheLimitAreSplit() {
        ItemIntegrity integrity = new ItemIntegrity(SIGNER);
        assertThat(integrity.signAll(items(1)).getFirst().signature()).matches("[0-9a-f]{128}");
        List<StoredItem> many = integrity.signAll(items(ItemSignature.MAX_BATCH + 1));
        assertThat(many.getFirst().signature()).startsWith("b1:0:" + ItemSignature.MAX_BATCH + ":")
                .hasSizeLessThanOrEqualTo(ItemSignature.MAX_WRITTEN);
        assertThat(many.getLast().signature()).matches("[0-9a-f]{128}");
        ItemIntegrity fresh = new ItemIntegrity(SIGNER);
        many.forEach(fresh::verify);
        assertThat(ItemSignature.MAX_WRITTEN).as("the column's width (V11)").isLessThanOrEqualTo(1000);
    }

    @org.junit.jupiter.api.Test
    void onlyTheCanonicalTextParses() {
        String alone = "ab".repeat(64);
        assertThat(ItemSignature.parse(alone)).isPresent();
        assertThat(ItemSignature.parse(alone.toUpperCase())).isEmpty();
        String path = "cd".repeat(32);
        String sig = "ef".repeat(64);
        assertThat(ItemSignature.parse("b1:1:2:" + path + ":" + sig)).isPresent();
        for (String bad : List.of("b1:01:2:" + path + ":" + sig, "b1:+1:2:" + path + ":" + sig, "b1:1:2:" + path + ":"
                + sig + ":", "b1:2:2:" + path + ":" + sig, "b1:0:1:" + path + ":" + sig, "b1:1:2:" + path.substring(2)
                + ":" + sig, "b1:1:2:" + path + ":" + sig.substring(2), "", "b1:", "b1:1:2::" + sig)) {
            assertThat(ItemSignature.parse(bad)).as(bad).isEmpty();
        }
    }

    private static StoredItem retitled(StoredItem s) {
        return new StoredItem(s.id(), s.title() + ".", s.originator(), s.originators(), s.originatorLabel(),
                s.nodeLabel(), s.purposes(), s.privateRights(), s.kind(), s.contentDigest(), s.signature(), s.status(),
                s.createdBy(), s.createdAt(), s.sources(), s.provenance());
    }

    private static List<StoredItem> items(int n) {
        Party kor = Party.of("KOR");
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), "군사Ⅲ급비밀", Optional.empty(), List.of(),
                Optional.of(kor), Instant.parse("2020-01-01T00:00:00Z"), Optional.empty());
        return IntStream.range(0, n).mapToObj(i -> new StoredItem("kor-" + i, "item " + i, kor, Set.of(kor), label,
                label, Set.of(Purpose.of("DPRK missile threat")), false, "received", "00".repeat(48), "",
                StoredItem.ACTIVE, "peer:JPN", 1_577_836_800_000L + i, List.of(), Optional.empty())).toList();
    }
}
