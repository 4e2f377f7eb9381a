package io.liaison.node.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liaison.catalog.json.Json;
import io.liaison.core.audit.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sequenced audit entry. Its canonical bytes (compact JSON, fixed field order, details sorted by key)
 * are what the Merkle leaf hashes, so the position ({@code seq}) is part of what is signed.
 */
public record AuditEntry(long seq, long at, String actor, String event, String subject, String reveals, String outcome,
        String code, String rule, String details) {
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    public byte[] canonical() {
        // Written by hand: this runs for every entry on every verification, and the format must never drift.
        StringBuilder sb = new StringBuilder(160 + details.length());
        sb.append("{\"seq\":").append(seq).append(",\"at\":").append(at);
        field(sb, "actor", actor);
        field(sb, "event", event);
        field(sb, "subject", subject);
        if (!reveals.isEmpty()) {
            field(sb, "reveals", reveals);
        }
        field(sb, "outcome", outcome);
        field(sb, "code", code);
        field(sb, "rule", rule);
        field(sb, "details", details);
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Reads an entry back from its canonical JSON (for display; verification hashes the stored text as it is). */
    public static AuditEntry parse(String canonical) {
        try {
            var n = Json.MAPPER.readTree(canonical);
            return new AuditEntry(n.path("seq").asLong(), n.path("at").asLong(), n.path("actor").asText(),
                    n.path("event").asText(), n.path("subject").asText(), n.path("reveals").asText(""),
                    n.path("outcome").asText(),
                    n.path("code").asText(), n.path("rule").asText(), n.path("details").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit entry is not JSON", e);
        }
    }

    /** The position written at the start of a canonical entry, or -1 when the text does not start as one. */
    static long positionOf(String canonical) {
        String prefix = "{\"seq\":";
        if (!canonical.startsWith(prefix)) {
            return -1;
        }
        long v = 0;
        int i = prefix.length();
        int digits = 0;
        while (i < canonical.length() && Character.isDigit(canonical.charAt(i)) && digits < 19) {
            v = v * 10 + (canonical.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 || i >= canonical.length() || canonical.charAt(i) != ',' ? -1 : v;
    }

    /** What the entry reveals (R10). */
    public Reveals revealed() {
        return Reveals.parse(reveals);
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
