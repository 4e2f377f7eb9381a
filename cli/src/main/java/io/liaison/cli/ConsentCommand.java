package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liaison consent request|list|grant|deny|revoke}: the originator's prior written consent (R6, R22). */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = "Ask for, grant, deny and revoke consent to pass an item to a third party (R6, R22).")
final class ConsentCommand {
    private final Services s;
    @Mixin Remote remote;

    ConsentCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "request", description = "Ask the originator of a received item for consent to pass it on.")
    int request(@Parameters(paramLabel = "ITEM") String item, @Option(names = "--to", required = true) String to,
            @Option(names = "--purpose", required = true) String purpose,
            @Option(names = "--reason", required = true) String reason) {
        JsonNode r = remote.client().post("/api/items/" + item + "/consent-requests", Map.of("to", to, "purpose", purpose,
                "reason", reason));
        s.out().println(r.path("id").asText() + " " + r.path("status").asText() + ": asked " + r.path("originator").asText()
                + " to let " + to + " have " + item);
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "Consent requests asked of this party, or with --mine, asked by it.")
    int list(@Option(names = "--mine", description = "the requests this party made") boolean mine) {
        JsonNode all = remote.client().get("/api/consent-requests", Map.of("role", mine ? "HOLDER" : "ORIGINATOR"));
        for (JsonNode r : all) {
            s.out().printf("%s  %-8s %s -> %s  item %s  %s  \"%s\"%n", r.path("id").asText(), r.path("status").asText(),
                    r.path("holder").asText(), r.path("thirdParty").asText(), r.path("item").asText(),
                    r.path("purpose").asText(), r.path("reason").asText());
        }
        if (all.isEmpty()) {
            s.out().println("no consent requests");
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "grant", description = "Grant a request; the signed grant goes to the holder.")
    int grant(@Parameters(paramLabel = "REQUEST") String request,
            @Option(names = "--expires", description = "ISO instant, e.g. 2017-06-01T00:00:00Z") String expires) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (expires != null) {
            body.put("expiresAt", expires);
        }
        JsonNode r = remote.client().post("/api/consent-requests/" + request + "/grant", body);
        s.out().println("consent " + r.path("consent").asText() + " granted");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "deny", description = "Deny a request.")
    int deny(@Parameters(paramLabel = "REQUEST") String request, @Option(names = "--reason", required = true) String reason) {
        remote.client().post("/api/consent-requests/" + request + "/deny", Map.of("reason", reason));
        s.out().println("request " + request + " denied");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "revoke", description = "Revoke a consent this party granted (refused by the holder once used).")
    int revoke(@Parameters(paramLabel = "CONSENT") String consent) {
        remote.client().post("/api/consents/" + consent + "/revoke", Map.of());
        s.out().println("consent " + consent + " revoked");
        return 0;
    }
}
