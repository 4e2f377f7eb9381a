package io.liaison.federation.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.AgreementStates;
import io.liaison.federation.envelope.EnvelopeSealer;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.EnvelopeVerifier;
import io.liaison.federation.envelope.ReplayGuard;
import io.liaison.federation.release.Receipt;
import io.liaison.federation.release.Receipts;
import io.liaison.node.audit.SignedHead;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch's answers matched to its messages at the sender (JPN), with KOR's real signatures and JPN's real verifier:
 * RECEIPTs one per message and RECEIPTS covering several, in order, and every way an answer can fail to be one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchReceiptsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Party USA = Party.of("USA");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final SignedHead HEAD = new SignedHead(42, "ab".repeat(32), 1_700_000_000_000L, "kor-key", "cd".repeat(64));

    private final Pki.Issued korCa = Pki.createPartyCa("KOR", RANDOM, CLOCK);
    private final EnvelopeSealer kor = sealer(KOR, korCa);
    private final Pki.Issued usaCa = Pki.createPartyCa("USA", RANDOM, CLOCK);
    private final EnvelopeSealer usa = sealer(USA, usaCa);
    /** JPN's verifier: trusts KOR's CA for KOR and USA's for USA. */
    private final EnvelopeVerifier atJpn = new EnvelopeVerifier(JPN, p -> p.equals(KOR) ? Optional.of(korCa.certificate())
            : p.equals(USA) ? Optional.of(usaCa.certificate()) : Optional.empty(), AgreementStates.of(ShippedCatalog.load()),
            new ReplayGuard(Duration.ofMinutes(10), 10_000), CLOCK, Duration.ofMinutes(10), Duration.ofMinutes(1), 1 << 20);
    private final List<UUID> ids = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();

    private static EnvelopeSealer sealer(Party party, Pki.Issued ca) {
        NodeSigner key = NodeSigner.generate(RANDOM);
        return new EnvelopeSealer(party, key, Pki.issueSigningCertificate(ca, party.code(), party.code().toLowerCase()
                + "-node", key.publicKey(), RANDOM, CLOCK), CLOCK);
    }

    private static Receipt stored(UUID id) {
        return new Receipt(id.toString(), Receipt.STORED, "kor-" + id, "JPN / 3급비밀", "STORED", "R3", "stored", Map.of());
    }

    /** An accepted answer line: a RECEIPTS from {@code by} holding the receipts of {@code forIds}, in that order. */
    private static FederationClient.Answer receipts(EnvelopeSealer by, List<UUID> forIds) {
        return receipts(by, GSOMIA, forIds);
    }

    private static FederationClient.Answer receipts(EnvelopeSealer by, AgreementId under, List<UUID> forIds) {
        byte[] body = new Receipts(forIds.stream().map(BatchReceiptsTest::stored).toList(), HEAD).toJson();
        return new FederationClient.Answer(200, new String(by.seal(EnvelopeType.RECEIPTS, JPN, under, body).toWire(),
                StandardCharsets.UTF_8));
    }

    private static FederationClient.Answer receipt(EnvelopeSealer by, UUID forId) {
        return new FederationClient.Answer(200, new String(by.seal(EnvelopeType.RECEIPT, JPN, GSOMIA,
                stored(forId).withHead(Optional.of(HEAD)).toJson()).toWire(), StandardCharsets.UTF_8));
    }

    @Test
    void oneReceiptsCoversSeveralMessagesInOrder_andEachKeepsItsOwnReceiptWithTheHead() {
        BatchReceipts.Outcome o = BatchReceipts.match(atJpn, KOR, ids, List.of(receipts(kor, ids.subList(0, 3)),
                receipt(kor, ids.get(3))));
        assertThat(o.failure()).isEmpty();
        assertThat(o.receipts()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            BatchReceipts.Matched m = o.receipts().get(i);
            Receipt kept = Receipt.parse(m.body().getBytes(StandardCharsets.UTF_8));
            assertThat(kept.forEnvelope()).isEqualTo(ids.get(i).toString());
            assertThat(kept.item()).isEqualTo("kor-" + ids.get(i));
            assertThat(kept.latestHead()).contains(HEAD);
            assertThat(m.head()).contains(HEAD);
            assertThat(m.signer()).isNotEmpty();
        }
        // Kept the same whether it came alone or in a RECEIPTS.
        assertThat(o.receipts().get(3).json().path("head")).isEqualTo(o.receipts().get(0).json().path("head"));
    }

    @Test
    void aReceiptsOutOfOrder_orForMoreMessagesThanSent_isNoReceipt() {
        BatchReceipts.Outcome swapped = BatchReceipts.match(atJpn, KOR, ids, List.of(receipts(kor, List.of(ids.get(1),
                ids.get(0), ids.get(2), ids.get(3)))));
        assertThat(swapped.receipts()).isEmpty();
        assertThat(swapped.failure()).hasValue("the answer to message " + ids.get(0) + " is not a signed receipt for it");

        List<UUID> more = List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), UUID.randomUUID());
        BatchReceipts.Outcome tooMany = BatchReceipts.match(atJpn, KOR, ids, List.of(receipts(kor, more)));
        assertThat(tooMany.receipts()).isEmpty();
        assertThat(tooMany.failure()).hasValueSatisfying(f -> assertThat(f).contains("not a signed receipt"));
    }

    @Test
    void aReceiptsNotSignedByThePeer_isNoReceipt() {
        // Signed by a party the verifier trusts, under an agreement it shares with JPN, but not the peer the batch went to.
        FederationClient.Answer usas = receipts(usa, AgreementId.of("usa-jpn-gsomia-2007"), ids.subList(0, 2));
        assertThat(BatchReceipts.match(atJpn, USA, ids.subList(0, 2), List.of(usas)).receipts())
                .as("the same answer, matched for a batch sent to USA").hasSize(2);
        BatchReceipts.Outcome fromUsa = BatchReceipts.match(atJpn, KOR, ids.subList(0, 2), List.of(receipts(usa,
                AgreementId.of("usa-jpn-gsomia-2007"), ids.subList(0, 2))));
        assertThat(fromUsa.receipts()).isEmpty();
        assertThat(fromUsa.failure()).hasValueSatisfying(f -> assertThat(f).contains("not a signed receipt"));
        // Tampered after signing: a receipt changed in the body.
        FederationClient.Answer good = receipts(kor, ids.subList(0, 2));
        FederationClient.Answer forged = new FederationClient.Answer(200, good.body().replaceFirst("\"body\":\"",
                "\"body\":\"IA"));
        BatchReceipts.Outcome tampered = BatchReceipts.match(atJpn, KOR, ids.subList(0, 2), List.of(forged));
        assertThat(tampered.receipts()).isEmpty();
        assertThat(tampered.failure()).isPresent();
    }

    @Test
    void theMatchEndsAtAProblem_orWhereTheAnswersEnd() {
        FederationClient.Answer problem = new FederationClient.Answer(403, "{\"status\":403,\"code\":\"AGREEMENT_STATE\"}");
        BatchReceipts.Outcome refused = BatchReceipts.match(atJpn, KOR, ids, List.of(receipt(kor, ids.get(0)), problem));
        assertThat(refused.receipts()).hasSize(1);
        assertThat(refused.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("HTTP 403").contains("AGREEMENT_STATE"));

        BatchReceipts.Outcome cut = BatchReceipts.match(atJpn, KOR, ids, List.of(receipts(kor, ids.subList(0, 2))));
        assertThat(cut.receipts()).extracting(m -> m.json().path("forEnvelope").asText())
                .containsExactly(ids.get(0).toString(), ids.get(1).toString());
        assertThat(cut.failure()).hasValue("the peer did not answer for message " + ids.get(2));
    }
}
