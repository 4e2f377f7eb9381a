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

/** {@code liaison user add|grant|suspend|reinstate|list} against a running node. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage a node's users (admin).")
final class UserCommand {
    private final Services s;

    @Mixin Remote remote;

    UserCommand(Services s) {
        this.s = s;
    }

    @Command(name = "add", description = {"Add a user. The password comes from --password or $LIAISON_NEW_PASSWORD."})
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
        print(remote.client().post("/api/users", body));
        return 0;
    }

    @Command(name = "grant", description = "Add roles or duties, or change the clearance.")
    int grant(@Parameters(paramLabel = "NAME") String name, @Option(names = "--role") List<String> roles,
            @Option(names = "--duty") List<String> duties, @Option(names = "--clearance") String level,
            @Option(names = "--category") List<String> cats) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("roles", roles == null ? List.of() : roles);
        body.put("duties", duties == null ? List.of() : duties);
        if (level != null) {
            body.put("clearance", Map.of("level", level, "categories", Categories.parse(cats)));
        }
        print(remote.client().post("/api/users/" + name + "/grant", body));
        return 0;
    }

    @Command(name = "suspend", description = "Suspend a user's facility register entry: the user reads nothing (R9).")
    int suspend(@Parameters(paramLabel = "NAME") String name) {
        print(remote.client().post("/api/users/" + name + "/suspend", Map.of()));
        return 0;
    }

    @Command(name = "reinstate", description = "Reinstate a suspended user's facility register entry.")
    int reinstate(@Parameters(paramLabel = "NAME") String name) {
        print(remote.client().post("/api/users/" + name + "/reinstate", Map.of()));
        return 0;
    }

    @Command(name = "list", description = "List users.")
    int list() {
        for (JsonNode u : remote.client().get("/api/users", Map.of())) {
            print(u);
        }
        return 0;
    }

    private void print(JsonNode u) {
        s.out().printf("%-16s %-4s %-14s roles=%s duties=%s%s%n", u.path("name").asText(), u.path("nationality").asText(),
                u.path("clearance").path("level").asText(), join(u.path("roles")), join(u.path("duties")),
                u.path("facilityActive").asBoolean(true) ? "" : " SUSPENDED");
    }

    static String join(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return String.join(",", out);
    }
}
