package io.liaison.node.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An audit entry as a SIEM reads it: an ArcSight Common Event Format (CEF) event inside an RFC 5424 syslog message,
 * framed by octet counting for syslog over TLS (RFC 5425). The event names its position in the log
 * ({@code externalId}), time, actor, event, outcome, reason code, rule, subject and details; a refusal is a warning, an
 * alarm (an integrity or audit alarm) an alert, anything else informational.
 */
public final class Cef {
    /** Facility 13, log audit (RFC 5424). */
    private static final int FACILITY = 13;

    private Cef() {}

    /** The syslog message of {@code e}, sent by {@code host} of {@code party}, Liaison {@code version}. */
    public static String message(AuditEntry e, String party, String host, String version) {
        int syslogSeverity = severity(e) >= 8 ? 1 : severity(e) >= 5 ? 4 : 6;
        String cef = "CEF:0|Liaison|Liaison node|" + header(version) + "|" + header(e.event()) + "|" + header(e.event()
                + (e.outcome().isBlank() ? "" : " " + e.outcome())) + "|" + severity(e) + "|"
                + ext("rt", Long.toString(e.at())) + ext("externalId", Long.toString(e.seq()))
                + ext("deviceExternalId", party) + ext("suser", e.actor()) + ext("act", e.event())
                + ext("outcome", e.outcome()) + ext("reason", e.code()) + ext("cs1Label", "rule") + ext("cs1", e.rule())
                + ext("cs2Label", "subject") + ext("cs2", e.subject()) + ext("cs3Label", "details")
                + ext("cs3", e.details());
        return "<" + (FACILITY * 8 + syslogSeverity) + ">1 " + Instant.ofEpochMilli(e.at()) + " " + token(host)
                + " liaison - audit - " + cef.stripTrailing();
    }

    /** The message as RFC 5425 sends it: its length in octets, a space, the message. */
    public static byte[] frame(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] head = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** CEF severity 0–10. */
    static int severity(AuditEntry e) {
        String o = e.outcome().toUpperCase(java.util.Locale.ROOT);
        if (e.event().contains("alarm") || o.contains("ALARM") || o.contains("TAMPER")) {
            return 8;
        }
        return o.contains("DENIED") || o.contains("REFUSED") || o.contains("FAILED") ? 5 : 3;
    }

    /** A header field: backslash and pipe escaped, no line breaks. */
    static String header(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** An extension {@code key=value }, the value's backslash, equals sign and line breaks escaped; none if empty. */
    static String ext(String key, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return key + "=" + value.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n")
                + " ";
    }

    /** An RFC 5424 header token: printable ASCII, no spaces, at most 255; "-" when empty. */
    private static String token(String s) {
        String t = s.replaceAll("[^!-~]", "-");
        return t.isEmpty() ? "-" : t.length() > 255 ? t.substring(0, 255) : t;
    }
}
