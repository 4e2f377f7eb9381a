package io.liaison.federation.envelope;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The receiver's first and only gate (R14): bytes become a {@link VerifiedEnvelope} here or nowhere. In
 * order, cheapest first, it refuses:
 *
 * <ol>
 *   <li>more than the size limit ({@code ENVELOPE_TOO_LARGE}), or bytes that are not an envelope
 *       ({@code ENVELOPE_MALFORMED});
 *   <li>an envelope for another party ({@code ENVELOPE_MISADDRESSED});
 *   <li>a sender whose party CA this node does not pin ({@code PARTY_UNKNOWN});
 *   <li>a signing certificate the pinned CA did not issue, or not valid now, or not for an Ed25519 key
 *       ({@code SIGNER_UNTRUSTED});
 *   <li>a signature that does not verify ({@code SIGNATURE_INVALID});
 *   <li>an attempt older than the freshness window ({@code ENVELOPE_STALE}) or too far ahead of this
 *       node's clock ({@code ENVELOPE_FROM_FUTURE});
 *   <li>an agreement that does not join the two parties ({@code AGREEMENT_UNKNOWN}), or whose state does
 *       not admit the message today ({@code AGREEMENT_STATE}, R18/R19);
 *   <li>a copy of an attempt already seen ({@code ENVELOPE_REPLAYED}).
 * </ol>
 *
 * Every refusal is an {@link EnvelopeRefusedException} carrying a {@link Refusal} for the audit log.
 */
public final class EnvelopeVerifier {
    private final Party self;
    private final PeerTrust trust;
    private final AgreementStates agreements;
    private final ReplayGuard replays;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxSkew;
    private final int maxBytes;
    /** Batch statements verified, by key, statement and signature: a batch costs one verification. */
    private final io.liaison.node.store.BoundedCache<String, Boolean> batches = new io.liaison.node.store.BoundedCache<>(1024);

    private final Clock pkiClock;

    public EnvelopeVerifier(Party self, PeerTrust trust, AgreementStates agreements, ReplayGuard replays, Clock clock,
            Duration maxAge, Duration maxSkew, int maxBytes) {
        this(self, trust, agreements, replays, clock, clock, maxAge, maxSkew, maxBytes);
    }

    /**
     * @param clock the node's clock: freshness and the agreement's state on the day
     * @param pkiClock the clock certificates are valid against; the same as {@code clock} except when the
     *     node runs on a simulated clock (the demo), since keys expire in real time
     */
    public EnvelopeVerifier(Party self, PeerTrust trust, AgreementStates agreements, ReplayGuard replays, Clock clock,
            Clock pkiClock, Duration maxAge, Duration maxSkew, int maxBytes) {
        this.pkiClock = pkiClock;
        this.self = self;
        this.trust = trust;
        this.agreements = agreements;
        this.replays = replays;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxSkew = maxSkew;
        this.maxBytes = maxBytes;
    }

    /** Verifies the wire bytes of an envelope, or throws {@link EnvelopeRefusedException}. */
    public VerifiedEnvelope verify(byte[] wire) {
        return verify(prepare(wire));
    }

    /**
     * An envelope read from the wire, with its signature already checked when its signer could be trusted, or
     * the refusal that reading it met. Preparing touches no state (no replay record), so a batch's envelopes
     * can be prepared in parallel and then {@link #verify(Prepared) verified} one by one in order; the
     * refusals and their order are exactly those of {@link #verify(byte[])}.
     */
    public static final class Prepared {
        private final Envelope envelope;
        private final EnvelopeRefusedException refusal;
        private final Boolean signatureValid;

        private Prepared(Envelope envelope, EnvelopeRefusedException refusal, Boolean signatureValid) {
            this.envelope = envelope;
            this.refusal = refusal;
            this.signatureValid = signatureValid;
        }

        /** The type the envelope claims (not yet verified); empty when it could not be read. */
        public Optional<EnvelopeType> type() {
            return Optional.ofNullable(envelope).map(Envelope::type);
        }
    }

    /**
     * The most bytes an envelope, and a request to the listener, may hold here; nodes run with the same limit, so a
     * sender keeps what it sends to a peer under it.
     */
    public int maxBytes() {
        return maxBytes;
    }

    /** Reads an envelope and checks its signature, without deciding yet; safe to call from several threads. */
    public Prepared prepare(byte[] wire) {
        try {
            if (wire.length > maxBytes) {
                throw refuse("ENVELOPE_TOO_LARGE", "an envelope of " + wire.length + " bytes is over the limit of "
                        + maxBytes, Map.of("bytes", Integer.toString(wire.length), "limit", Integer.toString(maxBytes)));
            }
            Envelope e;
            try {
                e = Envelope.fromWire(wire, maxBytes);
            } catch (InvalidInputException ex) {
                throw refuse("ENVELOPE_MALFORMED", ex.getMessage(), Map.of());
            }
            Boolean valid = null;
            try {
                Optional<X509Certificate> ca = trust.partyCa(e.from());
                if (e.to().equals(self) && ca.isPresent()) {
                    valid = signatureValid(trusted(e, ca.get(), pkiClock.instant(), Map.of()).key(), e);
                }
            } catch (RuntimeException ex) {
                valid = null; // left to verify(), which refuses it with the envelope's details
            }
            return new Prepared(e, null, valid);
        } catch (EnvelopeRefusedException ex) {
            return new Prepared(null, ex, null);
        }
    }

    /** Verifies a prepared envelope, or throws {@link EnvelopeRefusedException}. */
    public VerifiedEnvelope verify(Prepared p) {
        if (p.refusal != null) {
            throw p.refusal;
        }
        return verify(p.envelope, p.signatureValid);
    }

    /** Verifies a parsed envelope, or throws {@link EnvelopeRefusedException}. */
    public VerifiedEnvelope verify(Envelope e) {
        return verify(e, null);
    }

    private VerifiedEnvelope verify(Envelope e, Boolean checkedSignature) {
        Instant now = clock.instant();
        Map<String, String> who = new LinkedHashMap<>();
        who.put("envelope", e.id().toString());
        who.put("type", e.type().name());
        who.put("from", e.from().code());
        who.put("agreement", e.agreement().value());
        if (!e.to().equals(self)) {
            throw refuse("ENVELOPE_MISADDRESSED", "envelope " + e.id() + " is for " + e.to() + ", and this node is " + self,
                    with(who, "to", e.to().code()));
        }
        X509Certificate ca = trust.partyCa(e.from()).orElseThrow(() -> refuse("PARTY_UNKNOWN", "party " + e.from()
                + " is not a peer of this node (no pinned CA)", who));
        Trusted signer = trusted(e, ca, pkiClock.instant(), who);
        boolean valid;
        try {
            valid = checkedSignature != null ? checkedSignature : signatureValid(signer.key(), e);
        } catch (RuntimeException ex) {
            throw refuse("SIGNER_UNTRUSTED", "the certificate that signed envelope " + e.id() + " has no Ed25519 key", who);
        }
        if (!valid) {
            throw refuse("SIGNATURE_INVALID", "the signature of envelope " + e.id() + " from " + e.from()
                    + " does not verify: it was altered or forged", who);
        }
        if (e.sentAt().isBefore(now.minus(maxAge))) {
            throw refuse("ENVELOPE_STALE", "envelope " + e.id() + " was sent at " + e.sentAt() + ", more than " + maxAge
                    + " before " + now, with(who, "sentAt", e.sentAt().toString()));
        }
        if (e.sentAt().isAfter(now.plus(maxSkew))) {
            throw refuse("ENVELOPE_FROM_FUTURE", "envelope " + e.id() + " is dated " + e.sentAt() + ", more than " + maxSkew
                    + " after " + now, with(who, "sentAt", e.sentAt().toString()));
        }
        if (!agreements.joins(e.agreement(), e.from(), self)) {
            throw refuse("AGREEMENT_UNKNOWN", "agreement " + e.agreement() + " does not join " + e.from() + " and " + self,
                    who);
        }
        Optional<AgreementState> state = agreements.stateOn(e.agreement(), now.atZone(ZoneOffset.UTC).toLocalDate());
        if (!e.type().admittedIn(state)) {
            String s = state.map(Enum::name).orElse("NOT_PROPOSED");
            throw refuse("AGREEMENT_STATE", "a " + e.type() + " cannot travel under agreement " + e.agreement()
                    + " while it is " + s + (e.type().admission() == EnvelopeType.Admission.PROVISION
                            ? " (R18: new provision only while IN_FORCE, TERMINATION_NOTIFIED or NOTICE_SUSPENDED)"
                            : " (R19: only once the agreement has been in force)"), with(who, "state", s),
                    e.type().admission() == EnvelopeType.Admission.PROVISION ? "R18" : "R19");
        }
        if (!replays.firstSeen(e.id(), e.sentAt(), now)) {
            throw refuse("ENVELOPE_REPLAYED", "envelope " + e.id() + " sent at " + e.sentAt() + " was already received",
                    with(who, "sentAt", e.sentAt().toString()));
        }
        return new VerifiedEnvelope(e, signer.subject(), state, now);
    }

    /**
     * Whether {@code e}'s signature verifies under {@code key} over what it covers ({@link Envelope#signed()}). The
     * envelopes of a batch share one signature over one statement: the answer for that key, statement and signature is
     * kept, so a batch costs one verification, not one per envelope.
     */
    private boolean signatureValid(java.security.PublicKey key, Envelope e) {
        Optional<byte[]> signed = e.signed();
        if (signed.isEmpty()) {
            return false;
        }
        if (e.batch().isEmpty()) {
            return NodeSigner.verify(key, signed.get(), e.signature());
        }
        java.util.HexFormat hex = java.util.HexFormat.of();
        // The statement holds the batch's root, itself a hash: with the key and the signature it names the answer.
        return batches.get(hex.formatHex(key.getEncoded()) + ":" + hex.formatHex(signed.get()) + ":"
                + hex.formatHex(e.signature()), k -> NodeSigner.verify(key, signed.get(), e.signature()));
    }

    /** A signing certificate already checked against a pinned CA: its key, subject and validity. */
    private record Trusted(java.security.PublicKey key, String subject, Instant notBefore, Instant notAfter) {}

    private static final int CACHE = 1_000;
    private final Map<String, Trusted> checked = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The signing certificate, checked against the pinned CA; a certificate already checked against the same
     * CA is only checked for validity at {@code now}, which saves parsing it and verifying the CA's signature
     * on every envelope.
     */
    private Trusted trusted(Envelope e, X509Certificate ca, Instant now, Map<String, String> who) {
        String key;
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(e.signer());
            sha.update(ca.getEncoded());
            key = java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is unavailable", ex);
        }
        Trusted t = checked.get(key);
        if (t == null) {
            X509Certificate signer = certificate(e, who);
            Optional<String> problem = Pki.checkIssued(signer, ca, now);
            if (problem.isPresent()) {
                throw refuse("SIGNER_UNTRUSTED", "the signing certificate of envelope " + e.id() + " from " + e.from()
                        + " is not trusted: " + problem.get(), who);
            }
            boolean[] usage = signer.getKeyUsage();
            if (usage == null || !usage[0]) {
                throw refuse("SIGNER_UNTRUSTED", "the certificate that signed envelope " + e.id() + " is not for signing",
                        who);
            }
            java.security.PublicKey publicKey;
            try {
                publicKey = NodeSigner.decodePublicKey(signer.getPublicKey().getEncoded());
            } catch (RuntimeException ex) {
                throw refuse("SIGNER_UNTRUSTED", "the certificate that signed envelope " + e.id() + " has no Ed25519 key",
                        who);
            }
            Instant notBefore = later(signer.getNotBefore().toInstant(), ca.getNotBefore().toInstant());
            Instant notAfter = earlier(signer.getNotAfter().toInstant(), ca.getNotAfter().toInstant());
            t = new Trusted(publicKey, signer.getSubjectX500Principal().getName(), notBefore, notAfter);
            if (checked.size() >= CACHE) {
                checked.clear();
            }
            checked.put(key, t);
        } else if (now.isBefore(t.notBefore()) || now.isAfter(t.notAfter())) {
            throw refuse("SIGNER_UNTRUSTED", "the signing certificate of envelope " + e.id() + " from " + e.from()
                    + " is not trusted: it or its CA is not valid at " + now + " (valid " + t.notBefore() + " to "
                    + t.notAfter() + ")", who);
        }
        return t;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static X509Certificate certificate(Envelope e, Map<String, String> who) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(e.signer()));
        } catch (CertificateException | ClassCastException ex) {
            throw refuse("SIGNER_UNTRUSTED", "the signing certificate of envelope " + e.id() + " cannot be read", who);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static EnvelopeRefusedException refuse(String code, String message, Map<String, String> values) {
        return refuse(code, message, values, "R14");
    }

    private static EnvelopeRefusedException refuse(String code, String message, Map<String, String> values, String rule) {
        return new EnvelopeRefusedException(new Refusal(code, rule, message, values));
    }
}
