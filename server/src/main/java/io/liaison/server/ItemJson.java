package io.liaison.server;

import io.liaison.catalog.json.RequestJson;
import io.liaison.node.items.Attachment;
import io.liaison.node.items.CustodyEvent;
import io.liaison.node.items.ItemView;
import io.liaison.node.search.SearchPage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The request and response shapes of the items API. */
final class ItemJson {
    /** A destruction or return certificate (R13), as answered to the security officer. */
    static Map<String, Object> certificate(io.liaison.node.items.DestructionCertificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", c.itemId());
        m.put("certificate", c.certificate());
        m.put("signature", c.signature());
        m.put("signingKey", c.keyId());
        return m;
    }

    private ItemJson() {}

    record AttachmentDto(String name, String mediaType, String data) {}

    record CreateRequest(String title, String text, RequestJson.LabelDto label, List<String> purposes,
            Boolean privateRights, List<AttachmentDto> attachments, String location) {}

    record DeriveRequest(String kind, String title, String text, List<String> sources, String location) {}

    record ReclassifyRequest(String classification, String reason) {}

    record DestroyRequest(String reason) {}

    record TransferRequest(String custodian, String location) {}

    static Attachment attachment(AttachmentDto a) {
        if (a == null || a.data() == null) {
            throw new IllegalArgumentException("an attachment needs name, mediaType and data (base64)");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(a.data());
        } catch (IllegalArgumentException e) {
            throw new io.liaison.core.error.InvalidInputException("ATTACHMENT_INVALID", "attachment " + a.name()
                    + ": data is not base64");
        }
        try {
            return new Attachment(a.name(), a.mediaType(), data);
        } catch (IllegalArgumentException e) {
            throw new io.liaison.core.error.InvalidInputException("ATTACHMENT_INVALID", e.getMessage());
        }
    }

    static Map<String, Object> view(ItemView v, boolean withContent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("title", v.title());
        m.put("marking", v.marking());
        m.put("classification", v.nodeLabel().classification());
        m.put("originator", v.originator().code());
        m.put("originators", v.originators().stream().map(Object::toString).sorted().toList());
        m.put("categories", v.nodeLabel().categories().stream().map(c -> Map.of("tag", c.tagName(), "type",
                c.type().name(), "values", c.values())).toList());
        m.put("purposes", v.purposes().stream().map(Object::toString).sorted().toList());
        m.put("privateRights", v.privateRights());
        m.put("kind", v.kind());
        m.put("sources", v.sources());
        m.put("status", v.status());
        m.put("createdBy", v.createdBy());
        m.put("createdAt", v.createdAt().toString());
        m.put("originatorLabel", label(v.originatorLabel()));
        v.provenance().ifPresent(p -> m.put("provenance", provenance(p)));
        if (withContent) {
            m.put("text", v.text().orElse(null));
            m.put("attachments", v.attachments().stream().map(a -> Map.of("name", a.name(), "mediaType", a.mediaType(),
                    "size", a.data().length, "data", Base64.getEncoder().encodeToString(a.data()))).toList());
        }
        return m;
    }

    /** A label as the originator wrote it, in its own policy (R1): never overwritten. */
    static Map<String, Object> label(io.liaison.core.label.SecurityLabel l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", l.policy().name());
        m.put("classification", l.classification());
        m.put("categories", l.categories().stream().map(c -> Map.of("tag", c.tagName(), "type", c.type().name(),
                "values", c.values())).toList());
        l.originator().ifPresent(o -> m.put("originator", o.code()));
        l.creationTime().ifPresent(t -> m.put("created", t.toString()));
        return m;
    }

    /** Where a received item came from, to whoever may read it (R3, R22). */
    static Map<String, Object> provenance(io.liaison.node.items.Provenance p) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("from", p.from().code());
        pm.put("agreement", p.agreement());
        pm.put("chain", p.chain().stream().map(Object::toString).toList());
        pm.put("chainWritten", p.chainWritten());
        pm.put("originItem", p.originItem());
        pm.put("marking", p.marking());
        pm.put("receivedAt", p.receivedAt().toString());
        pm.put("steps", p.hops().stream().map(h -> {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("from", h.from().code());
            hm.put("to", h.to().code());
            hm.put("agreement", h.agreement());
            hm.put("at", h.at().toString());
            h.consent().ifPresent(c -> hm.put("consent", c));
            h.consentRecordedAt().ifPresent(t -> hm.put("consentRecordedAt", t.toString()));
            hm.put("written", h.written());
            return hm;
        }).toList());
        return pm;
    }

    /**
     * A page of hits, each with its originator and, for a received item, where it came from: the hits are items the
     * caller may read (the search decided R9 in its query).
     */
    static Map<String, Object> page(SearchPage p,
            java.util.function.Function<String, Optional<io.liaison.node.items.Exchange.Origin>> origins) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", p.total());
        m.put("offset", p.offset());
        m.put("limit", p.limit());
        m.put("facets", Map.of("classification", p.levelFacets(), "purpose", p.purposeFacets(), "originator",
                p.originatorFacets()));
        m.put("items", p.hits().stream().map(h -> {
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("id", h.id());
            hit.put("title", h.title());
            hit.put("classification", h.classification());
            hit.put("score", h.score());
            origins.apply(h.id()).ifPresent(o -> {
                hit.put("originator", o.originator().code());
                o.provenance().ifPresent(pv -> {
                    hit.put("marking", pv.marking());
                    hit.put("from", pv.from().code());
                    hit.put("agreement", pv.agreement());
                    hit.put("chain", pv.chainWritten());
                });
            });
            return hit;
        }).toList());
        return m;
    }

    static List<Map<String, Object>> custody(List<CustodyEvent> events) {
        return events.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", e.action());
            m.put("custodian", e.custodian());
            m.put("location", e.location());
            m.put("at", e.at().toString());
            return m;
        }).toList();
    }
}
