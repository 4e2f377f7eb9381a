package io.liaison.federation.release;

import io.liaison.catalog.json.Json;

/**
 * The body of a RECLASSIFICATION (R12): the sender's id of the item, the new originator label and the
 * sender's new label (ADatP-4774 XML), the reason and who decided.
 */
public record ChangeMessage(String item, String originatorLabel, String senderLabel, String reason, String by) {
    public byte[] toJson() {
        return Json.compactBytes(this);
    }

    public static ChangeMessage parse(byte[] json) {
        return Json.read(json, ChangeMessage.class, "change message", 256 * 1024);
    }
}
