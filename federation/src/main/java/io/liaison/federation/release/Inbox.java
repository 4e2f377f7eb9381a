package io.liaison.federation.release;

import io.liaison.catalog.label.LabelXml;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.Decision;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.translation.Translation;
import io.liaison.core.translation.Translator;
import io.liaison.federation.envelope.EnvelopeSealer;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.transport.FederationListener;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.items.Exchange;
import io.liaison.node.items.Incoming;
import io.liaison.node.items.Items;
import io.liaison.node.items.Reclassification;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The receiving node's inbox. Each verified envelope is processed once: its id is recorded with the
 * receipt in the same transaction as its effect, and a repeat (the sender retrying after a lost answer)
 * gets the stored receipt again, freshly signed. A RELEASE is checked (R1: originator, originator label
 * valid in the originator's policy, purposes; the sender is the last holder of the chain) and translated
 * into this node's policy through the agreement (R2, R3); it is then stored as a new item with both labels
 * (STORED), or refused with the reason (REFUSED). Every outcome is audited. Types not handled yet are
 * answered REFUSED with {@code TYPE_NOT_HANDLED}, and recorded, so the sender stops retrying.
 */
public final class Inbox {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Inbox.class);
    private static final int MAX_BODY = 24 << 20;
    private final Database database;
    private final Items items;
    private final AuditLog audit;
    /** The policies and agreements in force, read at each message: a policy version approved meanwhile applies. */
    private final java.util.function.Supplier<Catalog> catalogs;
    private final Party self;
    private final EnvelopeSealer sealer;
    private final Consents consents;
    private final Propagation propagation;
    private final Incidents incidents;
    private final io.liaison.federation.audit.AuditExchange auditExchange;
    private io.liaison.federation.lifecycle.Lifecycles lifecycles;
    private io.liaison.federation.visits.VisitExchange visits;
    private io.liaison.federation.aircraft.AircraftExchange aircraft;
    private final Clock clock;

    public Inbox(Database database, Items items, AuditLog audit, java.util.function.Supplier<Catalog> catalogs, Party self,
            EnvelopeSealer sealer, Consents consents, Propagation propagation, Incidents incidents,
            io.liaison.federation.audit.AuditExchange auditExchange, Clock clock) {
        this.auditExchange = auditExchange;
        this.incidents = incidents;
        this.consents = consents;
        this.propagation = propagation;
        this.database = database;
        this.items = items;
        this.audit = audit;
        this.catalogs = catalogs;
        this.self = self;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** Aircraft clearance messages go to {@code aircraft} (set once, by the composition root). */
    public void aircraft(io.liaison.federation.aircraft.AircraftExchange aircraft) {
        this.aircraft = aircraft;
    }

    /** Visit messages go to {@code visits} (set once, by the composition root). */
    public void visits(io.liaison.federation.visits.VisitExchange visits) {
        this.visits = visits;
    }

    /** Lifecycle messages go to {@code lifecycles} (set once, by the composition root). */
    public void lifecycles(io.liaison.federation.lifecycle.Lifecycles lifecycles) {
        this.lifecycles = lifecycles;
    }

    /** Processes the envelope (once) and returns the signed receipt envelope's wire bytes. */
    public byte[] handle(VerifiedEnvelope v) {
        return sealed(v, stored(v).orElseGet(() -> process(v)));
    }

    /**
     * Processes envelopes that passed the gate, in order, exactly as {@link #handle} would one by one, and answers them
     * with one signed envelope: the receipt of the only one processed, or a RECEIPTS holding the receipts of all those
     * processed, in order, under one signature (one signature here and one check at the sender, instead of one each per
     * envelope). The answer covers fewer envelopes than given when one could not be processed. New RELEASEs, whose
     * preparation reads and changes nothing recorded (checking, translating and encrypting the item, writing its
     * key), are prepared in parallel, then signed together (one signature over their batch) and their keys made durable
     * with one sync; runs of them are recorded together in one transaction, or each in its own, in order. If recording one fails, the list ends before it and the items prepared after it are
     * abandoned.
     */
    public FederationListener.Receiver.Answers answerAll(List<VerifiedEnvelope> envelopes) {
        List<Receipt> receipts = receiptsOf(envelopes);
        return new FederationListener.Receiver.Answers(receipts.isEmpty() ? List.of() : List.of(sealedAll(envelopes,
                receipts)), receipts.size());
    }

    /** The receipts of the envelopes processed, in order; see {@link #answerAll}. */
    private List<Receipt> receiptsOf(List<VerifiedEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return List.of();
        }
        Map<String, Receipt> done = storedAll(envelopes);
        List<ReleaseStep> steps = envelopes.parallelStream().map(v -> v.type() == EnvelopeType.RELEASE
                && !done.containsKey(v.id().toString()) ? prepareRelease(v) : null).toList();
        items.exchange().ready(steps.stream().filter(s -> s != null && s.item() != null).map(ReleaseStep::item).toList());
        List<Receipt> receipts = new java.util.ArrayList<>();
        int i = 0;
        int oneByOneUntil = 0;
        while (i < envelopes.size()) {
            int end = i;
            while (end < envelopes.size() && steps.get(end) != null && steps.get(end).item() != null) {
                end++;
            }
            if (i >= oneByOneUntil && end - i > 1) {
                if (finishAll(steps.subList(i, end), receipts)) {
                    i = end;
                    continue;
                }
                oneByOneUntil = end;
            }
            VerifiedEnvelope v = envelopes.get(i);
            org.slf4j.MDC.put("envelopeId", v.id().toString());
            try {
                Receipt stored = done.get(v.id().toString());
                receipts.add(stored != null ? stored : steps.get(i) != null ? finish(steps.get(i)) : process(v));
            } catch (RuntimeException e) {
                LOG.warn("envelope {} from {} could not be processed; the sender will retry: {}", v.id(), v.from(),
                        e.toString());
                steps.subList(i + 1, steps.size()).stream().filter(s -> s != null && s.item() != null)
                        .forEach(s -> items.exchange().abandon(s.item()));
                break;
            } finally {
                org.slf4j.MDC.remove("envelopeId");
            }
            i++;
        }
        return receipts;
    }

    /** One receipt alone, or several as a RECEIPTS carrying the receiver's last signed tree head once. */
    private byte[] sealedAll(List<VerifiedEnvelope> envelopes, List<Receipt> receipts) {
        VerifiedEnvelope first = envelopes.getFirst();
        if (receipts.size() == 1) {
            return sealed(first, receipts.getFirst());
        }
        return sealer.seal(EnvelopeType.RECEIPTS, first.from(), first.agreement(), new Receipts(receipts,
                audit.lastSignedHead().orElse(null)).toJson()).toWire();
    }

    private byte[] sealed(VerifiedEnvelope v, Receipt receipt) {
        return sealer.seal(EnvelopeType.RECEIPT, v.from(), v.agreement(), receipt.withHead(audit.lastSignedHead()).toJson())
                .toWire();
    }

    private Receipt process(VerifiedEnvelope v) {
        try {
            return switch (v.type()) {
                case RELEASE -> release(v);
                case CONSENT_REQUEST -> consents.onRequest(this, v);
                case RECLASSIFICATION -> reclassification(v);
                case RECALL -> recall(v);
                case LOSS_REPORT, INCIDENT_FINDINGS, DESTRUCTION_CERTIFICATE -> incidents.onMessage(this, v);
                case RETURN -> incidents.onReturn(this, v, MAX_BODY);
                case AUDIT_HEAD -> auditHead(v);
                case HEALTH -> health(v);
                case AGREEMENT_PROPOSAL, AGREEMENT_DECLINE, AGREEMENT_INITIALS, AGREEMENT_SIGNATURE, ENTRY_NOTIFICATION,
                        RENEWAL_CONFIRMATION, TERMINATION_NOTICE, NOTICE_SUSPENSION, NOTICE_WITHDRAWAL, NOTICE_ACTED_ON ->
                        recorded(v, lifecycles::onMessage, "LIFECYCLE", "R17");
                case CONSENT_GRANT, CONSENT_DENIAL, CONSENT_REVOCATION -> consents.onAnswer(this, v);
                case VISIT_REQUEST, VISIT_ANSWER, EXERCISE_INVITATION -> recorded(v, visits::onMessage, "VISIT", "R28");
                case AIRCRAFT_REQUEST, AIRCRAFT_ANSWER -> recorded(v, aircraft::onMessage, "AIRCRAFT", "R31");
                default -> refuse(v, "TYPE_NOT_HANDLED", "R14", "this node does not handle " + v.type()
                        + " messages yet", Map.of("type", v.type().name()));
            };
        } catch (InvalidInputException e) {
            return refuse(v, "BODY_INVALID", "R14", "the " + v.type() + " body is invalid: " + e.getMessage(), Map.of());
        }
    }

    /** The receipts already given for any of these envelopes, by envelope id. */
    private Map<String, Receipt> storedAll(List<VerifiedEnvelope> envelopes) {
        Map<String, Receipt> found = new java.util.HashMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT id, receipt FROM received_envelopes WHERE id IN (<ids>)")
                .addCustomizer(io.liaison.node.store.Database.PLANNED_EACH_TIME)
                .bindList("ids", envelopes.stream().map(v -> v.id().toString()).toList())
                .map((rs, ctx) -> Map.entry(rs.getString(1),
                        Receipt.parse(rs.getString(2).getBytes(StandardCharsets.UTF_8))))
                .forEach(e -> found.put(e.getKey(), e.getValue())));
        return found;
    }

    private Optional<Receipt> stored(VerifiedEnvelope v) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT receipt FROM received_envelopes WHERE id = :id")
                .bind("id", v.id().toString()).mapTo(String.class).findFirst())
                .map(json -> Receipt.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private Receipt release(VerifiedEnvelope v) {
        return finish(prepareRelease(v));
    }

    /**
     * What a RELEASE comes to before anything is recorded: a refusal to record ({@code refusal}), or an item
     * checked, translated and encrypted, with its key written ({@code item}, with its marking), signed with the others
     * before it is recorded.
     */
    private record ReleaseStep(VerifiedEnvelope v, java.util.function.Supplier<Receipt> refusal, Exchange.Received item,
            Translation.Marked marked) {
        static ReleaseStep refused(VerifiedEnvelope v, java.util.function.Supplier<Receipt> refusal) {
            return new ReleaseStep(v, refusal, null, null);
        }
    }

    /** A refusal to record when the step is finished. */
    private ReleaseStep refusing(VerifiedEnvelope v, String code, String rule, String reason, Map<String, String> values) {
        return ReleaseStep.refused(v, () -> refuse(v, code, rule, reason, values));
    }

    private ReleaseStep refusing(VerifiedEnvelope v, Decision d) {
        return ReleaseStep.refused(v, () -> refuse(v, d));
    }

    /**
     * Records several prepared releases in one transaction, adding their receipts; false (and nothing recorded)
     * if that transaction fails, and the caller then records them one by one.
     */
    private boolean finishAll(List<ReleaseStep> ready, List<Receipt> receipts) {
        List<Receipt> made = new java.util.ArrayList<>();
        List<java.util.function.Function<String, List<io.liaison.node.store.Jdbc.Insert>>> records = ready.stream()
                .<java.util.function.Function<String, List<io.liaison.node.store.Jdbc.Insert>>>map(step -> id -> {
                    Receipt r = stored(step.v(), id, step.marked());
                    made.add(r);
                    return List.of(recordRow(step.v(), r));
                }).toList();
        try {
            items.exchange().commitReceiveAll(ready.stream().map(ReleaseStep::item).toList(), records);
        } catch (RuntimeException e) {
            LOG.debug("a run of {} releases did not commit together ({}); recording them one by one", ready.size(),
                    e.toString());
            return false;
        }
        receipts.addAll(made);
        return true;
    }

    private static Receipt stored(VerifiedEnvelope v, String id, Translation.Marked m) {
        return new Receipt(v.id().toString(), Receipt.STORED, id, m.marking(), "STORED", "R3",
                "stored as " + id + ", marked " + m.marking(), Map.of("equivalent", m.equivalent().classification(),
                "basis", m.basis()));
    }

    private Receipt finish(ReleaseStep step) {
        if (step.refusal() != null) {
            return step.refusal().get();
        }
        VerifiedEnvelope v = step.v();
        Translation.Marked m = step.marked();
        Receipt[] receipt = {null};
        items.exchange().commitReceive(step.item(), (tx, id) -> {
            receipt[0] = stored(v, id, m);
            record(tx, v, receipt[0]);
        });
        return receipt[0];
    }

    /**
     * The checks of a RELEASE (R1, R3, R7, R22) and its item's preparation; records nothing. Whatever a signed body
     * holds, the answer is a refusal with its reason, never a failure that would end the batch on every retry.
     */
    private ReleaseStep prepareRelease(VerifiedEnvelope v) {
        try {
            return checkRelease(v);
        } catch (RuntimeException e) {
            return refusing(v, "BODY_INVALID", "R14", "the RELEASE body is invalid: " + e.getMessage(), Map.of());
        }
    }

    private ReleaseStep checkRelease(VerifiedEnvelope v) {
        ReleaseBody body;
        try {
            body = ReleaseBody.parse(v.body(), MAX_BODY);
        } catch (InvalidInputException e) {
            return refusing(v, "BODY_INVALID", "R1", "the release body is invalid: " + e.getMessage(), Map.of());
        }
        if (body.originator() == null || body.originatorLabel() == null || body.purposes() == null
                || body.purposes().isEmpty() || body.chain() == null || body.chain().isEmpty() || body.purpose() == null
                || body.title() == null || body.text() == null || body.sourceItem() == null) {
            return refusing(v, "PROVENANCE_MISSING", "R1", "a release must carry its originator, originator label, "
                    + "purposes, purpose, chain, source item, title and text", Map.of());
        }
        Party originator;
        SecurityLabel originatorLabel;
        try {
            originator = Party.of(body.originator());
            originatorLabel = LabelXml.read(body.originatorLabel().getBytes(StandardCharsets.UTF_8), "originator label")
                    .label();
            SecurityPolicy theirs = catalogs.get().policyOf(originator).orElseThrow(() -> new InvalidInputException(
                    "POLICY_UNKNOWN", "originator " + body.originator() + " has no policy in this node's catalog"));
            originatorLabel = LabelValidator.requireValid(originatorLabel, theirs);
        } catch (RuntimeException e) {
            return refusing(v, "LABEL_INVALID", "R1", "the originator label is not valid: " + e.getMessage(), Map.of());
        }
        List<Party> chain = body.chain().stream().map(Party::of).toList();
        if (!chain.getLast().equals(v.from()) || !chain.getFirst().equals(originator)) {
            return refusing(v, "CHAIN_MISMATCH", "R22", "the chain " + body.chain() + " must start with the originator "
                    + originator + " and end with the sender " + v.from(), Map.of("chain", String.join(">", body.chain())));
        }
        // From the originator, its own label is translated; from a holder passing it on (with consent, checked
        // at the sender, R6, R22), the holder's label, in the holder's policy, under the agreement it travels.
        SecurityLabel translated = originatorLabel;
        if (!originator.equals(v.from())) {
            try {
                translated = LabelXml.read(body.senderLabel().getBytes(StandardCharsets.UTF_8), "sender label").label();
                SecurityPolicy senders = catalogs.get().policyOf(v.from()).orElseThrow(() -> new InvalidInputException(
                        "POLICY_UNKNOWN", "sender " + v.from() + " has no policy in this node's catalog"));
                translated = LabelValidator.requireValid(translated, senders);
            } catch (RuntimeException e) {
                return refusing(v, "LABEL_INVALID", "R1", "the sender's label is not valid: " + e.getMessage(), Map.of());
            }
        }
        Set<Purpose> purposes = body.purposes().stream().map(Purpose::of).collect(Collectors.toSet());
        if (!purposes.contains(Purpose.of(body.purpose()))) {
            return refusing(v, "PURPOSE_NOT_PROVIDED", "R7", "the release states purpose '" + body.purpose()
                    + "', which is not among the item's purposes " + body.purposes(), Map.of("purpose", body.purpose()));
        }
        Translation t = new Translator(catalogs.get()).translate(translated, v.from(), self, v.agreement(), clock.instant());
        if (t instanceof Translation.Refused r) {
            return refusing(v, r.decision());
        }
        Translation.Marked m = (Translation.Marked) t;
        Set<Party> originators = new HashSet<>(body.originators() == null ? List.of() : body.originators().stream()
                .map(Party::of).toList());
        originators.add(originator);
        Incoming in = new Incoming(body.title(), body.text(), body.files(), originator, originators, originatorLabel,
                m.equivalent(), m.marking(), purposes, body.privateRights(), v.from(), v.agreement(), v.id().toString(),
                body.sourceItem(), body.originItem() == null ? body.sourceItem() : body.originItem(), chain,
                io.liaison.node.items.HopRows.hops(body.hops()));
        try {
            return new ReleaseStep(v, null, items.exchange().prepareReceive(in), m);
        } catch (InvalidInputException e) {
            return refusing(v, "BODY_INVALID", "R14", "the RELEASE body is invalid: "
                    + e.getMessage(), Map.of());
        }
    }

    private Receipt refuse(VerifiedEnvelope v, Decision d) {
        return refuse(v, d.code().name(), d.rule(), d.message(), d.values());
    }

    /**
     * A reclassification from the party this node received the item from (R12): the new label is translated
     * as on receipt, applied to the item and its copies here, and passed on to the parties this node passed
     * the item to, all in one transaction with the receipt.
     */
    private Receipt reclassification(VerifiedEnvelope v) {
        ChangeMessage m = ChangeMessage.parse(v.body());
        List<String> local = items.exchange().receivedAs(v.from(), m.item(), true);
        if (local.isEmpty()) {
            return refuse(v, "ITEM_UNKNOWN", "R12", "no active item received from " + v.from() + " as " + m.item(),
                    Map.of("item", String.valueOf(m.item())));
        }
        SecurityLabel originatorLabel;
        SecurityLabel senderLabel;
        try {
            originatorLabel = LabelXml.read(m.originatorLabel().getBytes(StandardCharsets.UTF_8), "originator label").label();
            senderLabel = LabelXml.read(m.senderLabel().getBytes(StandardCharsets.UTF_8), "sender label").label();
        } catch (RuntimeException e) {
            return refuse(v, "LABEL_INVALID", "R12", "the new labels are not valid: " + e.getMessage(), Map.of());
        }
        Party originator = items.exchange().originatorOf(local.getFirst()).orElseThrow();
        SecurityLabel translated = originator.equals(v.from()) ? originatorLabel : senderLabel;
        Translation t = new Translator(catalogs.get()).translate(translated, v.from(), self, v.agreement(), clock.instant());
        if (t instanceof Translation.Refused r) {
            return refuse(v, r.decision());
        }
        Translation.Marked marked = (Translation.Marked) t;
        Receipt[] receipt = {null};
        for (String id : local) {
            items.reclassification().applyReclassification(id, originatorLabel, marked.equivalent(), "peer:"
                    + v.from().code(), m.reason() == null ? "reclassified by the originator" : m.reason(), (tx, changed) -> {
                        propagation.notifyHolders(tx, changed, m.reason(), "peer:" + v.from().code());
                        if (receipt[0] == null) {
                            receipt[0] = new Receipt(v.id().toString(), Receipt.STORED, id, marked.marking(), "RECLASSIFIED",
                                    "R12", "re-marked " + marked.marking() + " with " + changed.size() + " item(s)",
                                    Map.of("items", String.join(",", changed.stream()
                                            .map(Reclassification.Relabelled::id).toList())));
                            record(tx, v, receipt[0]);
                        }
                    });
        }
        return receipt[0];
    }

    /** A module that records a peer's message alike, or says why it cannot. */
    @FunctionalInterface
    private interface Recorder {
        /** Records {@code v}, calling {@code record} in the same transaction; empty, or the refusal reason. */
        Optional<String> onMessage(VerifiedEnvelope v, java.util.function.BiConsumer<Tx, String> record);
    }

    /**
     * A message another module records (a lifecycle step, R17; a visit or exercise, R28/R32; an aircraft clearance,
     * R31): its receipt is written with it as {@code kind}_RECORDED, or it is refused as {@code kind}_REFUSED with
     * the reason, both citing {@code rule}.
     */
    private Receipt recorded(VerifiedEnvelope v, Recorder module, String kind, String rule) {
        Receipt[] r = {null};
        Optional<String> refused = module.onMessage(v, (tx, what) -> {
            r[0] = new Receipt(v.id().toString(), Receipt.STORED, null, null, kind + "_RECORDED", rule, what, Map.of());
            record(tx, v, r[0]);
        });
        if (refused.isPresent()) {
            return refuse(v, kind + "_REFUSED", rule, refused.get(), Map.of());
        }
        return r[0];
    }

    /** A peer's periodic check of the link: answered, and recorded once like every envelope. */
    /**
     * A health check has no effect to keep exactly once, so it is answered and not recorded: a minute's check per
     * idle peer would otherwise grow the table forever. A replay is still refused by the gate.
     */
    private Receipt health(VerifiedEnvelope v) {
        return new Receipt(v.id().toString(), Receipt.STORED, null, null, "ALIVE", "R14", self + " is up", Map.of());
    }

    /** A peer's signed tree head: checked and recorded (or an alarm raised) with the receipt. */
    private Receipt auditHead(VerifiedEnvelope v) {
        Receipt[] r = {null};
        database.useTransaction(tx -> {
            Map<String, String> outcome = auditExchange.onHead(v, tx);
            r[0] = new Receipt(v.id().toString(), Receipt.STORED, null, null, "AUDIT_HEAD_" + outcome.get("outcome"),
                    "R11", outcome.getOrDefault("problem", "consistent with the last verified head"), outcome);
            record(tx, v, r[0]);
        });
        audit.sequenceSoon();
        return r[0];
    }

    /**
     * The originator's recall, from the party this node received the item from (R12): every local copy
     * received that way is destroyed, the recall passed on to the parties this node passed it to, and the
     * destruction certificate queued for the originator (R13), with the receipt.
     */
    private Receipt recall(VerifiedEnvelope v) {
        ChangeMessage m = ChangeMessage.parse(v.body());
        List<String> local = items.exchange().receivedAs(v.from(), m.item(), false);
        if (local.isEmpty()) {
            return refuse(v, "ITEM_UNKNOWN", "R12", "no item received from " + v.from() + " as " + m.item(),
                    Map.of("item", String.valueOf(m.item())));
        }
        String reason = m.reason() == null ? "recalled by the originator" : m.reason();
        String actor = "peer:" + v.from().code();
        Receipt r = new Receipt(v.id().toString(), Receipt.STORED, String.join(",", local), null, "RECALLED", "R12",
                "destroyed " + local.size() + " item(s); certificates follow", Map.of());
        boolean[] recorded = {false};
        for (String id : local) {
            items.destruction().destroyOnRecall(id, actor, reason, (tx, cert) -> {
                propagation.forwardRecall(tx, id, reason, actor);
                incidents.queueCertificate(tx, id, cert, reason, actor);
                if (!recorded[0]) {
                    record(tx, v, r);
                    recorded[0] = true;
                }
            });
        }
        if (!recorded[0]) {
            database.useTransaction(tx -> record(tx, v, r));
        }
        return r;
    }

    Receipt refuse(VerifiedEnvelope v, String code, String rule, String reason, Map<String, String> values) {
        Receipt r = Receipt.refused(v.id(), code, rule, reason, values);
        database.useTransaction(tx -> {
            record(tx, v, r);
            audit.append(tx, new AuditEvent("peer:" + v.from().code(), "envelope.receive", v.id().toString(),
                    Reveals.NOTHING, "DENY", code, rule, Map.of("type", v.type().name(), "agreement", v.agreement().value(),
                    "reason", reason)));
        });
        audit.sequenceSoon();
        return r;
    }

    void record(Tx tx, VerifiedEnvelope v, Receipt r) {
        io.liaison.node.store.Jdbc.insert(tx.sql().getConnection(), recordRow(v, r));
    }

    /** The row that records an envelope as processed, with its receipt. */
    private io.liaison.node.store.Jdbc.Insert recordRow(VerifiedEnvelope v, Receipt r) {
        return io.liaison.node.store.Jdbc.Insert.of("INSERT INTO received_envelopes (id, from_party, type, agreement, "
                + "received_at, receipt) VALUES (?, ?, ?, ?, ?, ?)", v.id().toString(), v.from().code(), v.type().name(),
                v.agreement().value(), clock.millis(), new String(r.toJson(), StandardCharsets.UTF_8));
    }

}
