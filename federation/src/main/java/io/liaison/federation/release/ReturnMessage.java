package io.liaison.federation.release;

import io.liaison.catalog.json.Json;
import io.liaison.node.items.Attachment;
import io.liaison.node.items.Items;
import java.util.Base64;
import java.util.List;

/**
 * The body of a RETURN (R13): a holder hands a received item back to its originator when its purpose ended,
 * with the content it held (which the originator checks against its own signed digest) and the holder's
 * signed return certificate; the holder's copy is gone by the time this travels.
 */
public record ReturnMessage(String originItem, String certificate, String signature, String by, String reason, String text,
        List<ReleaseBody.File> attachments) {

    static ReturnMessage of(String originItem, io.liaison.node.items.Destruction.Returned r, String by, String reason) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new ReturnMessage(originItem, r.certificate().certificate(), r.certificate().signature(), by, reason, r.text(),
                r.attachments().stream().map(a -> new ReleaseBody.File(a.name(), a.mediaType(), b64.encodeToString(a.data())))
                        .toList());
    }

    List<Attachment> files() {
        Base64.Decoder b64 = Base64.getDecoder();
        return attachments == null ? List.of() : attachments.stream()
                .map(f -> new Attachment(f.name(), f.mediaType(), b64.decode(f.data()))).toList();
    }

    public byte[] toJson() {
        return Json.compactBytes(this);
    }

    public static ReturnMessage parse(byte[] json, int maxBytes) {
        return Json.read(json, ReturnMessage.class, "return message", maxBytes);
    }

    @Override
    public String toString() {
        return "ReturnMessage[originItem=" + originItem + ", by=" + by + "]";
    }
}
