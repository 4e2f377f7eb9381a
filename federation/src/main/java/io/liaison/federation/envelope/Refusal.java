package io.liaison.federation.envelope;

import java.util.Map;

/**
 * Why an envelope was refused: a stable code, the rule, a sentence for the audit log, and the values
 * involved. The sentence names the sender and the envelope id at most, never the body.
 */
public record Refusal(String code, String rule, String message, Map<String, String> values) {
    public Refusal {
        values = Map.copyOf(values);
    }
}
