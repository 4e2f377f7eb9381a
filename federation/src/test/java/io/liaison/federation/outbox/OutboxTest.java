package io.liaison.federation.outbox;

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
import io.liaison.federation.transport.FederationClient;
import io.liaison.federation.transport.FederationListener;
import io.liaison.federation.transport.TlsContexts;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox on a real node database (H2, fresh PostgreSQL) delivering over real mutual TLS to a JPN
 * listener that is down at first: nothing is lost, order holds, retries back off.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class OutboxTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Party KOR = Party.of("KOR");
    private static final Party JPN = Party.of("JPN");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Pki.Issued korCa = Pki.createPartyCa("KOR", RANDOM, clock);
    private final Pki.Issued jpnCa = Pki.createPartyCa("JPN", RANDOM, clock);
    private final NodeSigner korKey = NodeSigner.generate(RANDOM);
    private final EnvelopeSealer korSealer = new EnvelopeSealer(KOR, korKey,
            Pki.issueSigningCertificate(korCa, "KOR", "kor-node", korKey.publicKey(), RANDOM, clock), clock);
    private final NodeSigner jpnKey = NodeSigner.generate(RANDOM);
    private final EnvelopeSealer jpnSealer = new EnvelopeSealer(JPN, jpnKey,
            Pki.issueSigningCertificate(jpnCa, "JPN", "jpn-node", jpnKey.publicKey(), RANDOM, clock), clock);
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** When set, JPN answers with something that is not a signed receipt. */
    private volatile boolean unsignedAnswers;

    private static Pki.Issued tls(Pki.Issued ca, String party, MutableClock clock) {
        return Pki.issueNodeCertificate(ca, party, party.toLowerCase() + "-node", List.of("localhost"),
                List.of("127.0.0.1"), RANDOM, clock);
    }

    private FederationListener jpnListener(int port) {
        EnvelopeVerifier verifier = new EnvelopeVerifier(JPN, p -> p.equals(KOR) ? Optional.of(korCa.certificate())
                : Optional.empty(), AgreementStates.of(ShippedCatalog.load()), new ReplayGuard(Duration.ofMinutes(10),
                10_000), clock, Duration.ofMinutes(10), Duration.ofMinutes(1), 1 << 20);
        return FederationListener.start("127.0.0.1", port, TlsContexts.mutual(tls(jpnCa, "JPN", clock),
                jpnCa.certificate(), List.of(korCa.certificate())), verifier, 1 << 20, v -> {
                    if (unsignedAnswers) {
                        return "{\"forEnvelope\":\"x\"}".getBytes(StandardCharsets.UTF_8);
                    }
                    received.add(new String(v.body(), StandardCharsets.UTF_8));
                    return jpnSealer.seal(EnvelopeType.RECEIPT, KOR, GSOMIA, new Receipt(v.id().toString(), Receipt.STORED,
                            "jpn-1", "KOR / 秘", "STORED", "R3", "stored", Map.of()).toJson()).toWire();
                }, (p, r) -> { });
    }

    private static byte[] body(int n) {
        return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void messagesToAPeerThatIsDown_arriveInOrderWhenItReturns_onceEach(TestNodes.Db db) throws Exception {
        int port = io.liaison.federation.Peering.freePort();
        try (TestNodes.Created created = TestNodes.create(db, KOR, clock); Node node = created.open(clock);
                FederationClient client = korClient(port)) {
            Outbox outbox = korOutbox(node);
            List<UUID> ids = node.database().inTransaction(tx -> List.of(
                    outbox.enqueue(tx, JPN, EnvelopeType.RECLASSIFICATION, GSOMIA, Optional.empty(), body(1)),
                    outbox.enqueue(tx, JPN, EnvelopeType.RECLASSIFICATION, GSOMIA, Optional.empty(), body(2)),
                    outbox.enqueue(tx, JPN, EnvelopeType.RECLASSIFICATION, GSOMIA, Optional.empty(), body(3))));
            assertThat(ids).as("message ids in time order (UUID version 7)").allSatisfy(id -> assertThat(id.version())
                    .isEqualTo(7));
            try {
                node.database().useTransaction(tx -> {
                    outbox.enqueue(tx, JPN, EnvelopeType.RECLASSIFICATION, GSOMIA, Optional.empty(), body(99));
                    throw new IllegalStateException("the event failed");
                });
            } catch (IllegalStateException expected) {
                // The message of an event that rolled back is gone with it.
            }
            assertThat(outbox.pending(JPN)).extracting(Outbox.Pending::id).containsExactlyElementsOf(ids);

            Outbox.Round down = outbox.deliverDue(JPN, p -> client);
            assertThat(down.delivered()).isZero();
            assertThat(down.failure()).isPresent();
            assertThat(outbox.pending(JPN)).first().extracting(Outbox.Pending::attempts).isEqualTo(1);
            assertThat(outbox.pending(JPN).get(1).attempts()).as("later messages wait their turn").isZero();
            clock.advance(Duration.ofMillis(500));
            assertThat(outbox.deliverDue(JPN, p -> client)).isEqualTo(new Outbox.Round(0, Optional.empty()));

            try (FederationListener jpn = jpnListener(port)) {
                clock.advance(Duration.ofMillis(600));
                unsignedAnswers = true;
                Outbox.Round unsigned = outbox.deliverDue(JPN, p -> client);
                assertThat(unsigned.failure()).hasValueSatisfying(f -> assertThat(f).contains("not a signed receipt"));
                assertThat(outbox.pending(JPN)).hasSize(3);
                unsignedAnswers = false;
                clock.advance(Duration.ofSeconds(3));
                Outbox.Round up = outbox.deliverDue(JPN, p -> client);
                assertThat(up).isEqualTo(new Outbox.Round(3, Optional.empty()));
                assertThat(received).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
                assertThat(outbox.pending(JPN)).isEmpty();
                assertThat(outbox.receipt(ids.get(0))).hasValueSatisfying(r -> assertThat(r).contains(ids.get(0).toString())
                        .contains("STORED"));
                assertThat(outbox.deliverDue(JPN, p -> client)).isEqualTo(new Outbox.Round(0, Optional.empty()));
                assertThat(received).hasSize(3);
            }
        }
    }

    /** KOR's client to JPN's listener on {@code port}, over mutual TLS. */
    private FederationClient korClient(int port) {
        return new FederationClient(URI.create("https://127.0.0.1:" + port), TlsContexts.mutual(tls(korCa, "KOR", clock),
                korCa.certificate(), List.of(jpnCa.certificate())), Duration.ofSeconds(5));
    }

    /** KOR's outbox on {@code node}, checking JPN's receipts. */
    private Outbox korOutbox(Node node) {
        return korOutbox(node, 1 << 20);
    }

    /** The same, KOR taking up to {@code maxBytes} a request (and assuming its peers do). */
    private Outbox korOutbox(Node node, int maxBytes) {
        EnvelopeVerifier korVerifier = new EnvelopeVerifier(KOR, p -> p.equals(JPN) ? Optional.of(jpnCa.certificate())
                : Optional.empty(), AgreementStates.of(ShippedCatalog.load()), new ReplayGuard(Duration.ofMinutes(10),
                10_000), clock, Duration.ofMinutes(10), Duration.ofMinutes(1), maxBytes);
        io.liaison.node.store.Migrations.migrate(node.database().dataSource(), "federation");
        return new Outbox(node.database().jdbi(), korSealer, korVerifier, clock);
    }

    /**
     * A backlog longer than a page is delivered in one round, in order, once each; the head lookup tells a peer with
     * messages waiting from one without, and delivery to one peer leaves another's messages alone.
     */
    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aBacklogOfSeveralPages_isDeliveredInOneRound_inOrder(TestNodes.Db db) throws Exception {
        int port = io.liaison.federation.Peering.freePort();
        Party usa = Party.of("USA");
        int n = Outbox.PAGE + Outbox.BATCH + 5;
        try (TestNodes.Created created = TestNodes.create(db, KOR, clock); Node node = created.open(clock);
                FederationClient client = korClient(port); FederationListener jpn = jpnListener(port)) {
            Outbox outbox = korOutbox(node);
            assertThat(outbox.waiting(JPN)).isFalse();
            node.database().useTransaction(tx -> {
                for (int i = 0; i < n; i++) {
                    outbox.enqueue(tx, JPN, EnvelopeType.RECLASSIFICATION, GSOMIA, Optional.empty(), body(i));
                    if (i % 100 == 0) {
                        outbox.enqueue(tx, usa, EnvelopeType.RECLASSIFICATION, GSOMIA, Optional.empty(), body(i));
                    }
                }
            });
            assertThat(outbox.waiting(JPN)).isTrue();
            assertThat(outbox.waiting(usa)).isTrue();

            assertThat(outbox.deliverDue(JPN, p -> client)).isEqualTo(new Outbox.Round(n, Optional.empty()));
            assertThat(received).containsExactlyElementsOf(java.util.stream.IntStream.range(0, n)
                    .mapToObj(i -> "{\"n\":" + i + "}").toList());
            assertThat(outbox.waiting(JPN)).isFalse();
            assertThat(outbox.pending(JPN)).isEmpty();
            assertThat(outbox.waiting(usa)).as("another peer's messages wait for their own delivery").isTrue();
            assertThat(outbox.pending(usa)).hasSize(n / 100 + 1);
        }
    }

    /**
     * Messages that together are over what the peer takes in one request travel in several, cut by size as well as
     * by count: one request of them all was refused as too large on every try, and everything after them waited
     * forever.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1 << 20, 8 << 20})
    void largeMessages_travelInBatchesThePeerTakes(int korLimit) throws Exception {
        // At 1 MiB KOR assumes JPN's limit; at 8 MiB it assumes more than JPN takes, and halves what JPN refuses.
        // The twelve together are over JPN's 1 MiB and under twice it, which JPN reads to the end to answer 413.
        int port = io.liaison.federation.Peering.freePort();
        int n = 12;
        String pad = "p".repeat(70_000);
        try (TestNodes.Created created = TestNodes.create(TestNodes.Db.H2, KOR, clock); Node node = created.open(clock);
                FederationClient client = korClient(port); FederationListener jpn = jpnListener(port)) {
            Outbox outbox = korOutbox(node, korLimit);
            node.database().useTransaction(tx -> {
                for (int i = 0; i < n; i++) {
                    outbox.enqueue(tx, JPN, EnvelopeType.RECLASSIFICATION, GSOMIA, Optional.empty(),
                            ("{\"n\":" + i + ",\"pad\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8));
                }
            });
            assertThat(outbox.deliverDue(JPN, p -> client)).isEqualTo(new Outbox.Round(n, Optional.empty()));
            assertThat(received).extracting(r -> r.substring(0, r.indexOf(',')))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, n).mapToObj(i -> "{\"n\":" + i).toList());
            assertThat(outbox.pending(JPN)).isEmpty();
        }
    }

    /** The size a batch is cut by is never under what its envelopes really take on the wire. */
    @org.junit.jupiter.api.Test
    void theWireEstimate_coversEveryEnvelopeOfAFullBatch() {
        List<EnvelopeSealer.Draft> drafts = new java.util.ArrayList<>();
        for (int i = 0; i < Outbox.BATCH; i++) {
            drafts.add(new EnvelopeSealer.Draft(UUID.randomUUID(), EnvelopeType.RELEASE, JPN, GSOMIA,
                    "x".repeat(i * 997).getBytes(StandardCharsets.UTF_8)));
        }
        List<io.liaison.federation.envelope.Envelope> sealed = korSealer.sealAll(drafts);
        long overhead = 0;
        for (int i = 0; i < sealed.size(); i++) {
            int body = drafts.get(i).body().length;
            int wire = sealed.get(i).toWire().length;
            assertThat((long) wire).as("envelope %d", i).isLessThanOrEqualTo(Outbox.wireEstimate(body));
            overhead = Math.max(overhead, wire - 4L * ((body + 2) / 3));
        }
        assertThat(overhead).as("room left for what surrounds the body").isLessThan(Outbox.ENVELOPE_OVERHEAD / 2);
    }

    @org.junit.jupiter.api.Test
    void batchEnd_cutsByCountAndBySize_andLetsALargeMessageTravelAlone() {
        java.util.function.IntFunction<Outbox.Pending> of = bytes -> new Outbox.Pending(1, UUID.randomUUID(), JPN,
                EnvelopeType.RELEASE, GSOMIA, new byte[bytes], 0);
        List<Outbox.Pending> small = java.util.stream.IntStream.range(0, 100).mapToObj(of::apply).toList();
        assertThat(Outbox.batchEnd(small, 0, 1 << 20)).isEqualTo(Outbox.BATCH);
        assertThat(Outbox.batchEnd(small, 90, 1 << 20)).isEqualTo(100);
        List<Outbox.Pending> large = List.of(of.apply(3 << 20), of.apply(10), of.apply(10));
        assertThat(Outbox.batchEnd(large, 0, 1 << 20)).as("over the budget: alone").isEqualTo(1);
        assertThat(Outbox.batchEnd(large, 1, 1 << 20)).isEqualTo(3);
        long each = Outbox.wireEstimate(1000);
        List<Outbox.Pending> fit = java.util.stream.IntStream.range(0, 10).mapToObj(i -> of.apply(1000)).toList();
        assertThat(Outbox.batchEnd(fit, 0, 3 * each)).isEqualTo(3);
        assertThat(Outbox.batchEnd(fit, 0, 3 * each - 1)).isEqualTo(2);
    }

    @org.junit.jupiter.api.Test
    void backoff_doublesFromOneSecond_toFiveMinutes() {
        assertThat(Outbox.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Outbox.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Outbox.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Outbox.backoff(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(Outbox.backoff(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Outbox.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
    }
}
