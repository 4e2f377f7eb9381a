package io.liaison.federation.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.EnvelopeRefusedException;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.EnvelopeVerifier;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.node.audit.SignedHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A peer's answers to a batch of messages, matched to the messages in order. Each accepted answer is an envelope the
 * peer signed (checked by this node's verifier): a RECEIPT for the next message, or a RECEIPTS for the next several, in
 * their order. The match ends at the first answer that is a problem, or is not a signed receipt from the peer for the
 * messages next in line, and says why.
 */
public final class BatchReceipts {
    private BatchReceipts() {}

    /**
     * One message's receipt: its body as kept (a RECEIPT's body; from a RECEIPTS, the message's entry with the tree head
     * the RECEIPTS carried), the same read, the certificate that signed it, and the receiver's tree head it carried.
     */
    public record Matched(String body, JsonNode json, byte[] signer, Optional<SignedHead> head) {}

    /** The receipts of the first messages, in order, and why the match ended before the last message, if it did. */
    public record Outcome(List<Matched> receipts, Optional<String> failure) {}

    /** Matches {@code answers} from {@code peer} to the messages {@code ids}, in order. */
    public static Outcome match(EnvelopeVerifier verifier, Party peer, List<UUID> ids, List<FederationClient.Answer> answers) {
        // Reading the answers and checking their signatures depends on nothing else: in parallel when there are several.
        List<EnvelopeVerifier.Prepared> prepared = (answers.size() > 4 ? answers.parallelStream() : answers.stream())
                .map(a -> a.accepted() ? verifier.prepare(a.body().getBytes(StandardCharsets.UTF_8)) : null).toList();
        List<Matched> out = new ArrayList<>();
        for (int k = 0; k < answers.size() && out.size() < ids.size(); k++) {
            FederationClient.Answer a = answers.get(k);
            if (!a.accepted()) {
                return new Outcome(out, Optional.of("HTTP " + a.status() + ": " + a.body()));
            }
            List<Matched> matched = receipts(verifier, prepared.get(k), peer, ids.subList(out.size(), ids.size()));
            if (matched.isEmpty()) {
                return new Outcome(out, Optional.of("the answer to message " + ids.get(out.size())
                        + " is not a signed receipt for it"));
            }
            out.addAll(matched);
        }
        return new Outcome(out, out.size() < ids.size()
                ? Optional.of("the peer did not answer for message " + ids.get(out.size())) : Optional.empty());
    }

    /** The receipts {@code answer} holds for the first of {@code next}, in order; empty if it is not one for them. */
    private static List<Matched> receipts(EnvelopeVerifier verifier, EnvelopeVerifier.Prepared answer, Party peer,
            List<UUID> next) {
        try {
            VerifiedEnvelope r = verifier.verify(answer);
            if (!r.from().equals(peer)) {
                return List.of();
            }
            byte[] signer = r.envelope().signer();
            JsonNode body = Json.MAPPER.readTree(r.body());
            if (r.type() == EnvelopeType.RECEIPT) {
                return next.getFirst().toString().equals(body.path("forEnvelope").asText())
                        ? List.of(new Matched(new String(r.body(), StandardCharsets.UTF_8), body, signer,
                        head(body.path("head")))) : List.of();
            }
            JsonNode list = body.path("receipts");
            if (r.type() != EnvelopeType.RECEIPTS || !list.isArray() || list.size() < 2 || list.size() > next.size()) {
                return List.of();
            }
            JsonNode head = body.path("head");
            Optional<SignedHead> signedHead = head(head);
            List<Matched> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof ObjectNode entry)
                        || !next.get(i).toString().equals(entry.path("forEnvelope").asText())) {
                    return List.of();
                }
                if (head.isObject()) {
                    entry.set("head", head);
                }
                out.add(new Matched(Json.compact(entry), entry, signer, signedHead));
            }
            return out;
        } catch (EnvelopeRefusedException | IOException e) {
            return List.of();
        }
    }

    /** A receipt's tree head: absent, or readable (else the answer is no receipt). */
    private static Optional<SignedHead> head(JsonNode head) throws IOException {
        return head.isObject() ? Optional.of(Json.MAPPER.treeToValue(head, SignedHead.class)) : Optional.empty();
    }
}
