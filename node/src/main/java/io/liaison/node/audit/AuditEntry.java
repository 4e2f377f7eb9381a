package io.liaison.node.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liaison.catalog.json.Json;
import io.liaison.core.audit.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sequenced audit entry. Its canonical bytes (compact JSON, fixed field order, details sorted by key)
 * are what the Merkle leaf hashes, so the position ({@code seq}) is part of what is signed.
 */
public record AuditEntry(long seq, long at, String actor, String event, String subject, String outcome, String code,
        String rule, String details) {
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    public byte[] canonical() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("at", at);
        m.put("actor", actor);
        m.put("event", event);
        m.put("subject", subject);
        m.put("outcome", outcome);
        m.put("code", code);
        m.put("rule", rule);
        m.put("details", details);
        try {
            return COMPACT.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry cannot be serialised", e);
        }
    }

    public byte[] leafHash() {
        return MerkleTree.leafHash(canonical());
    }

    static String detailsJson(Map<String, String> details) {
        try {
            return COMPACT.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details cannot be serialised", e);
        }
    }
}
