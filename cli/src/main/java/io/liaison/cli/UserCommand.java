package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison user add|grant|grants|approve|deny|revoke|suspend|reinstate|list} against a running node. An admin
 * adds accounts and asks for grants; a second security officer approves them.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = {"Manage a node's users.",
        "An admin adds an account (an identity) and asks for its clearance, roles and duties; they take effect when a "
                + "security officer who neither asked nor receives approves (liaison user approve)."})
final class UserCommand {
    private final Services s;

    @Mixin Remote remote;

    UserCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "add", description = {"Add a user and ask for its grant. The password comes from --password or "
            + "$LIAISON_NEW_PASSWORD."})
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--nationality", required = true) String nationality,
            @Option(names = "--clearance", required = true, description = "level in the node's policy") String level,
            @Option(names = "--category", description = "held category values, TAG=V1,V2 (repeatable)") List<String> cats,
            @Option(names = "--role", description = "analyst, releasing-officer, security-officer, duty-officer, admin")
            List<String> roles,
            @Option(names = "--duty", description = "a duty purpose, e.g. 'DPRK missile threat' (repeatable)") List<String> duties,
            @Option(names = "--password") String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("password", Optional.ofNullable(password).orElseGet(() -> System.getenv("LIAISON_NEW_PASSWORD")));
        body.put("nationality", nationality);
        body.put("clearance", Map.of("level", level, "categories", Categories.parse(cats)));
        body.put("roles", roles == null ? List.of() : roles);
        body.put("duties", duties == null ? List.of() : duties);
        JsonNode added = remote.client().post("/api/users", body);
        print(added);
        if (added.has("grant")) {
            printGrant(added.path("grant"));
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "grant", description = "Ask for roles, duties or a clearance; a second security officer approves.")
    int grant(@Parameters(paramLabel = "NAME") String name, @Option(names = "--role") List<String> roles,
            @Option(names = "--duty") List<String> duties, @Option(names = "--clearance") String level,
            @Option(names = "--category") List<String> cats) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("roles", roles == null ? List.of() : roles);
        body.put("duties", duties == null ? List.of() : duties);
        if (level != null) {
            body.put("clearance", Map.of("level", level, "categories", Categories.parse(cats)));
        }
        printGrant(remote.client().post("/api/users/" + name + "/grant", body));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "grants", description = "Grant requests waiting for approval (--all: decided ones too).")
    int grants(@Option(names = "--all") boolean all) {
        for (JsonNode g : remote.client().get("/api/grants", all ? Map.of("all", "true") : Map.of())) {
            printGrant(g);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "approve", description = "Approve a grant request (a security officer who neither asked nor receives).")
    int approve(@Parameters(paramLabel = "REQUEST") String id) {
        s.out().print("approved " + id + ": ");
        print(remote.client().post("/api/grants/" + id + "/approve", Map.of()));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "deny", description = "Deny a grant request, with the reason.")
    int deny(@Parameters(paramLabel = "REQUEST") String id, @Option(names = "--reason", required = true) String reason) {
        printGrant(remote.client().post("/api/grants/" + id + "/deny", Map.of("reason", reason)));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "revoke", description = "Take roles or duties away at once.")
    int revoke(@Parameters(paramLabel = "NAME") String name, @Option(names = "--role") List<String> roles,
            @Option(names = "--duty") List<String> duties) {
        print(remote.client().post("/api/users/" + name + "/revoke", Map.of("roles", roles == null ? List.of() : roles,
                "duties", duties == null ? List.of() : duties)));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "suspend", description = "Suspend a user: every session and token ends, login is refused (R9).")
    int suspend(@Parameters(paramLabel = "NAME") String name) {
        print(remote.client().post("/api/users/" + name + "/suspend", Map.of()));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "reinstate", description = "Ask for a suspended user to be reinstated; a second officer approves.")
    int reinstate(@Parameters(paramLabel = "NAME") String name) {
        printGrant(remote.client().post("/api/users/" + name + "/reinstate", Map.of()));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List users.")
    int list() {
        for (JsonNode u : remote.client().get("/api/users", Map.of())) {
            print(u);
        }
        return 0;
    }

    private void print(JsonNode u) {
        s.out().printf("%s %-4s %s roles=%s duties=%s%s%n", Columns.pad(u.path("name").asText(), 16),
                u.path("nationality").asText(), Columns.pad(u.path("clearance").path("level").asText(), 14),
                join(u.path("roles")), join(u.path("duties")), u.path("facilityActive").asBoolean(true) ? "" : " SUSPENDED");
    }

    private void printGrant(JsonNode g) {
        s.out().printf("grant %s for %s: %s%s%s%s by %s, %s%s%n", g.path("id").asText(), g.path("user").asText(),
                g.path("kind").asText().equals("REINSTATE") ? "reinstatement" : "roles=" + join(g.path("roles")),
                g.path("kind").asText().equals("REINSTATE") ? "" : " duties=" + join(g.path("duties")),
                g.has("clearance") ? " clearance=" + g.path("clearance").path("level").asText() : "",
                "", g.path("requestedBy").asText(), g.path("status").asText(),
                g.path("status").asText().equals("PENDING") ? " (a second security officer approves: liaison user "
                        + "approve " + g.path("id").asText() + ")" : g.has("decidedBy") ? " by " + g.path("decidedBy")
                        .asText() : "");
    }

    static String join(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return String.join(",", out);
    }
}
