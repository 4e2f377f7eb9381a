package io.liaison.federation.release;

import io.liaison.catalog.json.Json;

/**
 * The body of the consent messages (R6, R22): a request (holder to originator), a grant, a denial and a
 * revocation (originator to holder). {@code sourceItem} is the originator's item id; {@code expiresAt} is
 * an ISO instant or null.
 */
public record ConsentMessage(String requestId, String consentId, String sourceItem, String holder, String thirdParty,
        String purpose, String reason, String expiresAt, String by) {
    public byte[] toJson() {
        return Json.compactBytes(this);
    }

    public static ConsentMessage parse(byte[] json) {
        return Json.read(json, ConsentMessage.class, "consent message", 64 * 1024);
    }
}
