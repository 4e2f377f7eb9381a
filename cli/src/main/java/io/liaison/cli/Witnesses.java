package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.node.audit.AuditVerifier;
import io.liaison.node.audit.SignedHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Heads of a node's audit log that its peers verified, as {@code liaison audit peers --json} prints them at a peer. */
final class Witnesses {
    private static final long MAX_FILE = 1 << 20;

    private Witnesses() {}

    static List<AuditVerifier.Witness> read(Path file, Party self) {
        JsonNode all;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new InvalidInputException("WITNESS_TOO_LARGE", "witness file " + file + " is over " + MAX_FILE
                        + " bytes");
            }
            all = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException("WITNESS_UNREADABLE", "cannot read witness file " + file + ": "
                    + e.getMessage());
        }
        if (!all.isArray()) {
            throw new InvalidInputException("WITNESS_INVALID", "witness file " + file + " is not what 'liaison audit peers "
                    + "--json' prints (an array of heads)");
        }
        List<AuditVerifier.Witness> out = new ArrayList<>();
        for (JsonNode h : all) {
            if (!self.code().equals(h.path("party").asText()) || h.path("treeSize").asLong() <= 0) {
                continue;
            }
            try {
                out.add(new AuditVerifier.Witness(new SignedHead(h.path("treeSize").asLong(), h.path("root").asText(),
                        Instant.parse(h.path("signedAt").asText()).toEpochMilli(), "", h.path("signature").asText()),
                        file + " (as its peer verified it)"));
            } catch (RuntimeException e) {
                throw new InvalidInputException("WITNESS_INVALID", "witness file " + file + " has a head of " + self
                        + " that cannot be read: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("WITNESS_EMPTY", "witness file " + file + " holds no head of " + self
                    + "'s log");
        }
        return out;
    }
}
