package io.liaison.federation.envelope;

import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.time.UtcInstants;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A message between two nodes, as it travels. {@code id} names the message and stays the same on every
 * delivery attempt, so a receiver processes it once; {@code sentAt} is the attempt's time, and the
 * signature is made afresh for each attempt. The signature covers every other field, the signing
 * certificate included ({@link #toBeSigned}). {@code toString} never shows the body, which may be
 * classified.
 *
 * @param id the message id
 * @param type what it carries
 * @param from the sending party
 * @param to the receiving party
 * @param agreement the agreement it travels under
 * @param sentAt this attempt's time, to the millisecond
 * @param body the message itself (JSON), at most {@link #MAX_BODY} bytes
 * @param signer the DER certificate of the sending node's signing key, issued by the sender's party CA
 * @param signature Ed25519 over {@link #toBeSigned}, or for an envelope sealed in a batch over the batch's
 *     {@link BatchProof#statement() statement} ({@link #signed()})
 * @param batch where the envelope sits in the batch it was sealed with, if it was
 */
public record Envelope(UUID id, EnvelopeType type, Party from, Party to, AgreementId agreement, Instant sentAt, byte[] body,
        byte[] signer, byte[] signature, Optional<BatchProof> batch) {
    /** The largest body: an item of a few MiB of attachments, base64 inside JSON. */
    public static final int MAX_BODY = 24 << 20;
    private static final byte[] DOMAIN = "liaison-envelope-v1".getBytes(StandardCharsets.US_ASCII);

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(batch, "batch");
        if (from.equals(to)) {
            throw new IllegalArgumentException("an envelope from " + from + " to itself");
        }
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("a body of " + body.length + " bytes is over the limit of " + MAX_BODY);
        }
        if (signer.length == 0 || signer.length > 8192) {
            throw new IllegalArgumentException("a signing certificate of " + signer.length + " bytes");
        }
        if (signature.length > 128) {
            throw new IllegalArgumentException("a signature of " + signature.length + " bytes");
        }
        sentAt = Instant.ofEpochMilli(sentAt.toEpochMilli());
        body = body.clone();
        signer = signer.clone();
        signature = signature.clone();
    }

    /** An envelope signed alone. */
    public Envelope(UUID id, EnvelopeType type, Party from, Party to, AgreementId agreement, Instant sentAt, byte[] body,
            byte[] signer, byte[] signature) {
        this(id, type, from, to, agreement, sentAt, body, signer, signature, Optional.empty());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] signer() {
        return signer.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The same envelope with another signature: for the sealer, and for tests that forge. */
    public Envelope withSignature(byte[] newSignature) {
        return new Envelope(id, type, from, to, agreement, sentAt, body, signer, newSignature, batch);
    }

    /** The same envelope placed in a batch (or taken out of one): for the sealer, and for tests that forge. */
    public Envelope withBatch(Optional<BatchProof> newBatch) {
        return new Envelope(id, type, from, to, agreement, sentAt, body, signer, signature, newBatch);
    }

    /**
     * What {@link #signature} must verify over: {@link #toBeSigned} for an envelope signed alone; for one sealed in a
     * batch, the batch's statement once its proof shows {@link #toBeSigned} to be its leaf. Empty when the proof does
     * not: the envelope, its place or its batch was altered.
     */
    public Optional<byte[]> signed() {
        byte[] own = toBeSigned();
        if (batch.isEmpty()) {
            return Optional.of(own);
        }
        BatchProof p = batch.get();
        return p.includes(own) ? Optional.of(p.statement()) : Optional.empty();
    }

    /**
     * The signed bytes: a domain tag, then each field as a 4-byte big-endian length and its bytes, in a fixed
     * order. Unambiguous, so no two envelopes share them.
     */
    public byte[] toBeSigned() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + signer.length + 256);
        field(out, DOMAIN);
        field(out, utf8(id.toString()));
        field(out, utf8(type.name()));
        field(out, utf8(from.code()));
        field(out, utf8(to.code()));
        field(out, utf8(agreement.value()));
        field(out, utf8(Long.toString(sentAt.toEpochMilli())));
        field(out, body);
        field(out, signer);
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The wire form: one JSON object, binary fields in base64; {@code batch} only for an envelope sealed in one. */
    public byte[] toWire() {
        Base64.Encoder b64 = Base64.getEncoder();
        return Json.compactBytes(new Wire(1, id.toString(), type.name(), from.code(), to.code(), agreement.value(),
                sentAt.toString(), b64.encodeToString(body), b64.encodeToString(signer), b64.encodeToString(signature),
                batch.map(p -> new WireBatch(p.index(), p.size(), b64.encodeToString(p.root()),
                        p.path().stream().map(b64::encodeToString).toList())).orElse(null)));
    }

    /**
     * Parses the wire form, refusing more than {@code maxBytes}; every problem is an
     * {@link InvalidInputException} that names the field, never a value from the body.
     */
    public static Envelope fromWire(byte[] wire, int maxBytes) {
        Wire w = Json.read(wire, Wire.class, "envelope", maxBytes);
        if (w.v() != 1) {
            throw new InvalidInputException("ENVELOPE_VERSION", "envelope version " + w.v() + " is not supported (1)");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            String typeName = required(w.type(), "type");
            EnvelopeType type = EnvelopeType.parse(typeName).orElseThrow(() -> new InvalidInputException(
                    "ENVELOPE_MALFORMED", "envelope type '" + typeName + "' is unknown (" + Arrays.toString(EnvelopeType.values()) + ")"));
            return new Envelope(UUID.fromString(required(w.id(), "id")), type, Party.of(required(w.from(), "from")),
                    Party.of(required(w.to(), "to")), agreementOf(required(w.agreement(), "agreement")),
                    UtcInstants.parse(required(w.sentAt(), "sentAt")), b64.decode(required(w.body(), "body")),
                    b64.decode(required(w.signer(), "signer")), b64.decode(required(w.signature(), "signature")),
                    Optional.ofNullable(w.batch()).map(Envelope::batchOf));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            // A time beyond what milliseconds hold (year +1000000000) overflows: malformed, like any other.
            throw new InvalidInputException("ENVELOPE_MALFORMED", "envelope is malformed: " + e.getMessage());
        }
    }

    private static BatchProof batchOf(WireBatch b) {
        Base64.Decoder b64 = Base64.getDecoder();
        List<String> path = required(b.path(), "batch.path");
        if (path.size() > 12) {
            throw new IllegalArgumentException("a batch path of " + path.size() + " hashes (at most 12)");
        }
        return new BatchProof(b.index(), b.size(), b64.decode(required(b.root(), "batch.root")),
                path.stream().map(h -> b64.decode(required(h, "batch.path"))).toList());
    }

    private static AgreementId agreementOf(String text) {
        try {
            return AgreementId.of(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("ENVELOPE_MALFORMED", "envelope is malformed: " + e.getMessage());
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException("ENVELOPE_MALFORMED", "envelope is malformed: field " + field + " is missing");
        }
        return value;
    }

    /** The JSON shape of the wire form. */
    record Wire(int v, String id, String type, String from, String to, String agreement, String sentAt, String body,
            String signer, String signature,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            WireBatch batch) {}

    /** The JSON shape of a batch proof: hashes in base64. */
    record WireBatch(int index, int size, String root, List<String> path) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && id.equals(e.id) && type == e.type && from.equals(e.from) && to.equals(e.to)
                && agreement.equals(e.agreement) && sentAt.equals(e.sentAt) && Arrays.equals(body, e.body)
                && Arrays.equals(signer, e.signer) && Arrays.equals(signature, e.signature) && batch.equals(e.batch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, from, to, agreement, sentAt, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Envelope[id=" + id + ", type=" + type + ", from=" + from + ", to=" + to + ", agreement=" + agreement
                + ", sentAt=" + sentAt + ", body=" + body.length + " bytes" + batch.map(p -> ", " + p).orElse("") + "]";
    }
}
