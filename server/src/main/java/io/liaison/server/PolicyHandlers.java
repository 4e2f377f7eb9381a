package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.catalog.spif.PolicyFile;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.policies.PolicyBook;
import io.liaison.node.policies.PolicyVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/policies}: the security policies in force and every version imported on this node. A security officer
 * imports a SPIF 2.1 file as the next version of its policy; a second one approves it through {@code /api/approvals},
 * and from then on every decision and marking uses it. Any signed-in user may list the versions and export one as
 * SPIF 2.1.
 */
final class PolicyHandlers {
    private final Node node;

    PolicyHandlers(Node node) {
        this.node = node;
    }

    /** A SPIF 2.1 document, the party it belongs to when the file does not say, and where it came from. */
    record ImportRequest(String spif, String owner, String source) {}

    void register(Routes r) {
        r.user(GET, "/api/policies", Set.of(), "The policies in force, and every version of each (0: shipped)",
                (ctx, u) -> Bodies.json(ctx, 200, Map.of("inForce", node.catalog().policies().stream()
                        .map(p -> summary(p, node.policies().inForce(p.id()).map(PolicyBook.InForce::version)
                                .orElse(0))).toList(), "versions", node.policies().versions().stream()
                        .map(PolicyHandlers::json).toList())));
        r.user(GET, "/api/policies/{id}", Set.of(), "A policy in force: its levels with their banners and colours, and "
                + "its categories", (ctx, u) -> {
                    SecurityPolicy p = node.catalog().requirePolicy(ctx.pathParam("id"));
                    Map<String, Object> m = summary(p, node.policies().inForce(p.id()).map(PolicyBook.InForce::version)
                            .orElse(0));
                    m.put("levels", p.levels().stream().map(PolicyHandlers::level).toList());
                    m.put("categories", p.tags().stream().map(PolicyHandlers::tag).toList());
                    Bodies.json(ctx, 200, m);
                });
        r.user(GET, "/api/policies/{id}/spif", Set.of(), "A policy as SPIF 2.1 (application/xml): the version in force, "
                + "or ?version=N", (ctx, u) -> {
                    Optional<Integer> version = PolicyVersion.number(ctx.queryParam("version"));
                    byte[] spif = node.policies().export(ctx.pathParam("id"), version);
                    ctx.status(200).contentType("application/xml; charset=utf-8").header("Content-Disposition",
                            "attachment; filename=\"" + ctx.pathParam("id") + ".xml\"").result(spif);
                });
        r.user(POST, "/api/policies", Set.of(Role.SECURITY_OFFICER), "Import a SPIF 2.1 file as the next version of "
                + "its policy; it is in force once a second security officer approves it", (ctx, u) -> {
                    ImportRequest req = Bodies.read(ctx, ImportRequest.class, Math.min(node.config().bodyLimit(),
                            4L * PolicyFile.MAX_BYTES));
                    if (req.spif() == null || req.spif().isBlank()) {
                        throw new InvalidInputException("FIELD_MISSING", "field spif is required: the SPIF 2.1 document");
                    }
                    String source = Optional.ofNullable(req.source()).filter(s -> !s.isBlank()).map(Bodies::shorten)
                            .orElse("request body");
                    Optional<Party> owner = Optional.ofNullable(req.owner()).filter(o -> !o.isBlank()).map(o -> {
                        try {
                            return Party.of(o);
                        } catch (IllegalArgumentException e) {
                            throw new InvalidInputException("FIELD_INVALID", "field owner: " + e.getMessage());
                        }
                    });
                    Bodies.json(ctx, 202, ApprovalHandlers.json(node.policies().stage(u,
                            req.spif().getBytes(StandardCharsets.UTF_8), source, owner)));
                });
    }

    private static Map<String, Object> summary(SecurityPolicy p, int version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("oid", p.oid().orElse(null));
        m.put("owner", p.owner().code());
        m.put("version", version);
        m.put("levels", p.levelNames());
        return m;
    }

    private static Map<String, Object> level(Classification c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("banner", c.banner().byLanguage());
        m.put("portion", c.portion().byLanguage());
        m.put("color", c.color().hex());
        m.put("textColor", c.textColor().hex());
        return m;
    }

    private static Map<String, Object> tag(CategoryTag t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tagSet", t.tagSet());
        m.put("type", t.type().name());
        m.put("nationality", t.holdsNationality());
        m.put("values", t.values().stream().map(v -> v.name()).toList());
        return m;
    }

    static Map<String, Object> json(PolicyVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", v.policy());
        m.put("version", v.version());
        m.put("name", v.name());
        m.put("owner", v.owner());
        m.put("state", v.state().name());
        m.put("sha256", v.digest());
        v.approval().ifPresent(a -> m.put("approval", a));
        v.stagedBy().ifPresent(a -> m.put("stagedBy", a));
        v.stagedAt().ifPresent(a -> m.put("stagedAt", a.toString()));
        v.approvedBy().ifPresent(a -> m.put("approvedBy", a));
        v.activeFrom().ifPresent(a -> m.put("activeFrom", a.toString()));
        return m;
    }
}
