package io.liaison.federation.release;

import io.liaison.catalog.json.Json;

/**
 * The body of a LOSS_REPORT, INCIDENT_FINDINGS (R15) or DESTRUCTION_CERTIFICATE (R13): the case or the
 * certificate, and the originator's own id of the item.
 */
public record IncidentMessage(String incident, String originItem, String kind, String description, String findings,
        String measures, String certificate, String signature, String by) {
    public byte[] toJson() {
        return Json.compactBytes(this);
    }

    public static IncidentMessage parse(byte[] json) {
        return Json.read(json, IncidentMessage.class, "incident message", 256 * 1024);
    }
}
