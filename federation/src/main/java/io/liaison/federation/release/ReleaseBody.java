package io.liaison.federation.release;

import io.liaison.catalog.json.Json;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.items.Attachment;
import io.liaison.node.items.HopRows;
import io.liaison.node.items.Outgoing;
import java.util.Base64;
import java.util.List;

/**
 * The body of a RELEASE envelope (JSON): the item as the sender holds it, its originator label unchanged
 * as ADatP-4774 XML, the sender's own label, the purposes and the purpose of this release, the chain
 * of holders so far, sender last, and the steps it took, this one last, with the consents that allowed them.
 */
public record ReleaseBody(String sourceItem, String originItem, String title, String text, List<File> attachments, String originator,
        List<String> originators, String originatorLabel, String senderLabel, List<String> purposes, String purpose,
        boolean privateRights, List<String> chain, List<HopRows.Row> hops) {
    /** An attachment, its bytes in base64. */
    public record File(String name, String mediaType, String data) {}

    public static ReleaseBody of(Outgoing.Payload p, Purpose purpose) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new ReleaseBody(p.itemId(), p.originItem(), p.title(), p.text(), p.attachments().stream()
                .map(a -> new File(a.name(), a.mediaType(), b64.encodeToString(a.data()))).toList(), p.originator().code(),
                p.originators().stream().map(Party::code).sorted().toList(),
                p.originatorLabelXml(), p.senderLabelXml(),
                p.purposes().stream().map(Purpose::name).sorted().toList(), purpose.name(), p.privateRights(),
                p.chain().stream().map(Party::code).toList(), HopRows.rows(p.hops()));
    }

    public byte[] toJson() {
        return Json.compactBytes(this);
    }

    public static ReleaseBody parse(byte[] json, int maxBytes) {
        return Json.read(json, ReleaseBody.class, "release body", maxBytes);
    }

    List<Attachment> files() {
        Base64.Decoder b64 = Base64.getDecoder();
        return attachments == null ? List.of() : attachments.stream()
                .map(f -> new Attachment(f.name(), f.mediaType(), b64.decode(f.data()))).toList();
    }

    @Override
    public String toString() {
        return "ReleaseBody[sourceItem=" + sourceItem + ", originator=" + originator + ", chain=" + chain + "]";
    }
}
