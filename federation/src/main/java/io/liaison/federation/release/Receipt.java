package io.liaison.federation.release;

import io.liaison.catalog.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body of a RECEIPT envelope: which message it answers, whether the receiver stored it or refused it,
 * and why; for a stored item, the receiver's item id and marking (R3).
 */
public record Receipt(String forEnvelope, String outcome, String item, String marking, String code, String rule,
        String reason, Map<String, String> values) {
    public static final String STORED = "STORED";
    public static final String REFUSED = "REFUSED";

    public Receipt {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public byte[] toJson() {
        return Json.compact(this).getBytes(StandardCharsets.UTF_8);
    }

    public static Receipt parse(byte[] json) {
        return Json.read(json, Receipt.class, "receipt", 64 * 1024);
    }
}
