package io.liaison.server.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.policies.PolicyBook;
import io.liaison.node.policies.PolicyVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The security policies: those in force with their version, owner, identifier and levels (each in its banner's
 * words and colours), every version imported on this node, each downloadable as SPIF 2.1; a security officer imports
 * a SPIF 2.1 file as the next version of its policy, in force once a second officer approves it on the Approvals page.
 */
public final class PolicyPages {
    private final Frame frame;

    PolicyPages(Frame frame) {
        this.frame = frame;
    }

    /** A policy in force, as listed. */
    public record InForce(String id, String name, String oid, String owner, int version, List<Level> levels) {}

    /** A level with its banner in the policy's own words and colours. */
    public record Level(String name, String banner, String color, String textColor) {}

    void register() {
        frame.get("/policies", Set.of(), this::list);
        frame.get("/policies/{id}/spif", Set.of(), (ctx, user, token) -> {
            Optional<Integer> version = PolicyVersion.number(ctx.queryParam("version"));
            byte[] spif = frame.node().policies().export(ctx.pathParam("id"), version);
            ctx.status(200).contentType("application/xml; charset=utf-8").header("Content-Disposition",
                    "attachment; filename=\"" + ctx.pathParam("id") + version.map(v -> "-" + v).orElse("") + ".xml\"")
                    .result(spif);
        });
        frame.post("/policies", Set.of(Role.SECURITY_OFFICER), (ctx, user, token) -> {
            String spif = Frame.field(ctx, "spif");
            if (spif.isBlank()) {
                throw new InvalidInputException("FIELD_MISSING", "paste the SPIF 2.1 document to import");
            }
            String owner = Frame.field(ctx, "owner").strip();
            Optional<Party> party;
            try {
                party = owner.isEmpty() ? Optional.empty() : Optional.of(Party.of(owner));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("FIELD_INVALID", "owner: " + e.getMessage());
            }
            String source = Frame.field(ctx, "source").isBlank() ? "the console" : Frame.field(ctx, "source");
            frame.node().policies().stage(user, spif.getBytes(StandardCharsets.UTF_8), source.length() > 64
                    ? source.substring(0, 64) : source, party);
            ctx.redirect("/approvals", HttpStatus.SEE_OTHER);
        });
    }

    private void list(Context ctx, User user, String token) {
        PolicyBook book = frame.node().policies();
        List<InForce> inForce = frame.node().catalog().policies().stream().map(p -> new InForce(p.id(), p.name(),
                p.oid().orElse(""), p.owner().code(), book.inForce(p.id()).map(PolicyBook.InForce::version).orElse(0),
                levels(p))).toList();
        List<PolicyVersion> versions = book.versions();
        frame.render(ctx, 200, "policies.jte", Map.of("page", frame.page("Policies", user, frame.lowest(), token),
                "inForce", inForce, "versions", versions, "officer", user.roles().contains(Role.SECURITY_OFFICER)));
    }

    private static List<Level> levels(SecurityPolicy p) {
        return p.levels().stream().map(c -> new Level(c.name(), c.banner().primary(), c.color().hex(),
                c.textColor().hex())).toList();
    }
}
