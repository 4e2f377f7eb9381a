package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liaison item add|show|list|copy|reclassify|destroy|return|inventory|release…} against a running node. */
@Command(name = "item", mixinStandardHelpOptions = true, description = "Add, read, copy, reclassify and destroy items.")
final class ItemCommand {
    private final Services s;

    @Mixin Remote remote;

    ItemCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "add", description = "Add an item, labelled in the node's policy.")
    int add(@Option(names = "--title", required = true) String title,
            @Option(names = "--classification", description = "level in the node's policy") String level,
            @Option(names = "--banner", description = "the label as a banner line instead of --classification") String banner,
            @Option(names = "--category", description = "TAG=V1,V2 (repeatable)") List<String> cats,
            @Option(names = "--purpose", required = true, description = "what it is provided for (repeatable)")
            List<String> purposes,
            @Option(names = "--text", description = "the text") String text,
            @Option(names = "--text-file", description = "read the text from a file") Path textFile,
            @Option(names = "--attach", description = "attach a file (repeatable)") List<Path> attach,
            @Option(names = "--private-rights", description = "the item carries patents or trade secrets (R8)")
            boolean privateRights,
            @Option(names = "--location", description = "where it is kept (inventory)") String location) {
        if ((level == null) == (banner == null)) {
            throw new IllegalArgumentException("give exactly one of --classification and --banner");
        }
        Map<String, Object> label = new LinkedHashMap<>();
        if (banner != null) {
            label.put("banner", banner);
        } else {
            label.put("classification", level);
            label.put("categories", Categories.asLabelCategories(cats));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("text", textFile != null ? read(textFile) : text == null ? "" : text);
        body.put("label", label);
        body.put("purposes", purposes);
        body.put("privateRights", privateRights);
        List<Map<String, String>> files = new ArrayList<>();
        for (Path p : attach == null ? List.<Path>of() : attach) {
            files.add(Map.of("name", p.getFileName().toString(), "mediaType", mediaType(p), "data",
                    Base64.getEncoder().encodeToString(bytes(p))));
        }
        body.put("attachments", files);
        if (location != null) {
            body.put("location", location);
        }
        JsonNode r = remote.client().post("/api/items", body);
        s.out().println(r.path("id").asText() + "  " + r.path("marking").asText() + "  " + r.path("title").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "bind", description = {"Write an item as a bound data object",
            "(ADatP-4778): its label bound to its text by the node's signature. The read is decided and audited."})
    int bind(@Parameters(paramLabel = "ID") String id, @Option(names = "--purpose") String purpose,
            @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write here instead of standard output")
            java.nio.file.Path out) throws java.io.IOException {
        String bound = remote.client().text("/api/items/" + id + "/bound", purpose == null ? Map.of()
                : Map.of("purpose", purpose));
        if (out == null) {
            s.out().print(bound);
            s.out().flush();
        } else {
            java.nio.file.Files.writeString(out, bound, java.nio.charset.StandardCharsets.UTF_8);
            s.out().println(out + ": item " + id + " bound by the node");
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "import-bound", description = {"Import an object bound by another",
            "system (ADatP-4778): its binding is verified first (a signer certified by this party's CA or a peer's),",
            "then it is a new item with its label."})
    int importBound(@Parameters(paramLabel = "FILE", description = "a bound data object, or - for standard input")
            String file, @Option(names = "--purpose", required = true) java.util.List<String> purposes) {
        byte[] bytes = Inputs.read(file, System.in, io.liaison.catalog.binding.BoundObject.MAX_BYTES);
        JsonNode r = remote.client().post("/api/items/bound", Map.of("bound", new String(bytes,
                java.nio.charset.StandardCharsets.UTF_8), "purposes", purposes, "source", Inputs.source(file)));
        s.out().println(r.path("id").asText() + "  [" + r.path("marking").asText() + "]  " + r.path("title").asText()
                + "  bound by " + r.path("boundBy").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Read an item (refused and missing items look the same).")
    int show(@Parameters(paramLabel = "ID") String id, @Option(names = "--purpose") String purpose,
            @Option(names = "--json", description = "print the JSON answer") boolean json) {
        JsonNode r = remote.client().get("/api/items/" + id, purpose == null ? Map.of() : Map.of("purpose", purpose));
        if (json) {
            s.out().println(r.toPrettyString());
            return 0;
        }
        s.out().println("[" + r.path("marking").asText() + "]  " + r.path("title").asText());
        s.out().println("id " + r.path("id").asText() + ", originator " + r.path("originator").asText() + ", purposes "
                + UserCommand.join(r.path("purposes")) + ", " + r.path("kind").asText() + ", " + r.path("status").asText());
        JsonNode own = r.path("originatorLabel");
        s.out().println("originator's label: " + own.path("policy").asText() + " " + own.path("classification").asText()
                + categories(own.path("categories")));
        JsonNode p = r.path("provenance");
        if (p.isObject()) {
            s.out().println("received from " + p.path("from").asText() + " under " + p.path("agreement").asText() + " on "
                    + p.path("receivedAt").asText() + ", marked here " + p.path("marking").asText() + "; chain "
                    + p.path("chainWritten").asText());
            for (JsonNode step : p.path("steps")) {
                s.out().println("  " + step.path("written").asText());
            }
        }
        s.out().println();
        s.out().println(r.path("text").asText(""));
        for (JsonNode a : r.path("attachments")) {
            s.out().println("attachment: " + a.path("name").asText() + " (" + a.path("mediaType").asText() + ", "
                    + a.path("size").asLong() + " bytes)");
        }
        s.out().println("[" + r.path("marking").asText() + "]");
        return 0;
    }

    private static String categories(JsonNode categories) {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : categories) {
            b.append(", ").append(c.path("tag").asText()).append(" ").append(UserCommand.join(c.path("values")));
        }
        return b.toString();
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the items you may read.")
    int list(@Option(names = "--offset", defaultValue = "0") int offset,
            @Option(names = "--limit", defaultValue = "20") int limit) {
        SearchCommand.printPage(s, remote.client().get("/api/items", Map.of("offset", Integer.toString(offset), "limit",
                Integer.toString(limit))));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "copy", description = "Make a copy, extract or translation of one or more items (R4).")
    int copy(@Parameters(paramLabel = "ID") String id,
            @Option(names = "--kind", defaultValue = "copy", description = "copy, extract or translation") String kind,
            @Option(names = "--source", description = "further source items (repeatable)") List<String> sources,
            @Option(names = "--title") String title, @Option(names = "--text") String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("sources", sources == null ? List.of() : sources);
        if (title != null) {
            body.put("title", title);
        }
        if (text != null) {
            body.put("text", text);
        }
        JsonNode r = remote.client().post("/api/items/" + id + "/copy", body);
        s.out().println(r.path("id").asText() + "  " + r.path("marking").asText() + "  " + r.path("title").asText()
                + "  (originators " + UserCommand.join(r.path("originators")) + ")");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "reclassify", description = "Change the level of an item your party originated, and of its copies (R12).")
    int reclassify(@Parameters(paramLabel = "ID") String id, @Option(names = "--classification", required = true) String level,
            @Option(names = "--reason", required = true) String reason) {
        JsonNode r = remote.client().post("/api/items/" + id + "/reclassify", Map.of("classification", level, "reason", reason));
        s.out().println("re-marked " + level + ": " + UserCommand.join(r.path("reclassified")));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "destroy", description = "Destroy an item (crypto-shredding) and print the signed certificate (R13).")
    int destroy(@Parameters(paramLabel = "ID") String id, @Option(names = "--reason", required = true) String reason) {
        return printCertificate(remote.client().post("/api/items/" + id + "/destroy", Map.of("reason", reason)));
    }

    /** A destruction or return certificate and its signature (R13). */
    private int printCertificate(JsonNode r) {
        s.out().println(r.path("certificate").asText());
        s.out().println("signature " + r.path("signature").asText() + " (key " + r.path("signingKey").asText() + ")");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "return", description = "Return a received item to its originator when its purpose ended: the "
            + "content goes back, this node's copy is shredded, and the signed certificate is printed (R13).")
    int returnItem(@Parameters(paramLabel = "ID") String id, @Option(names = "--reason", required = true) String reason) {
        return printCertificate(remote.client().post("/api/items/" + id + "/return", Map.of("reason", reason)));
    }

    @Command(mixinStandardHelpOptions = true, name = "release-preview", description = "May this item be released to a party for a purpose under an "
            + "agreement? Prints the decision and its reason; exit 0 allowed, 1 refused. Changes nothing.")
    int releasePreview(@Parameters(paramLabel = "ID") String id, @Option(names = "--to", required = true) String to,
            @Option(names = "--purpose", required = true) String purpose,
            @Option(names = "--agreement", required = true) String agreement) {
        JsonNode d = remote.client().get("/api/items/" + id + "/release-preview", Map.of("to", to, "purpose", purpose,
                "agreement", agreement));
        s.out().println(d.path("outcome").asText() + " " + d.path("code").asText() + " (" + d.path("rule").asText() + "): "
                + d.path("message").asText());
        return "ALLOW".equals(d.path("outcome").asText()) ? 0 : 1;
    }

    @Command(mixinStandardHelpOptions = true, name = "release", description = "Release an item to a party (R2, R5-R8, R18): the decision is recorded "
            + "and, when allowed, the item is queued and delivered to the peer.")
    int release(@Parameters(paramLabel = "ID") String id, @Option(names = "--to", required = true) String to,
            @Option(names = "--purpose", required = true) String purpose,
            @Option(names = "--agreement", required = true) String agreement) {
        JsonNode r = remote.client().post("/api/items/" + id + "/release", Map.of("to", to, "purpose", purpose,
                "agreement", agreement));
        s.out().println("released to " + to + ": " + r.path("code").asText() + " (" + r.path("rule").asText()
                + "); envelope " + r.path("envelope").asText() + " queued");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "recall", description = "Recall an item your party originated from every holder (R12, R13).")
    int recall(@Parameters(paramLabel = "ID") String id, @Option(names = "--reason", required = true) String reason) {
        JsonNode r = remote.client().post("/api/items/" + id + "/recall", Map.of("reason", reason));
        s.out().println("recall of " + id + " sent to " + r.path("holders").asInt() + " holder(s)");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "inventory", description = "The item's custody history (R11).")
    int inventory(@Parameters(paramLabel = "ID") String id) {
        for (JsonNode e : remote.client().get("/api/items/" + id + "/inventory", Map.of()).path("custody")) {
            s.out().printf("%s  %s %s %s%n", e.path("at").asText(), Columns.pad(e.path("action").asText(), 28),
                    Columns.pad(e.path("custodian").asText(), 14), e.path("location").asText());
        }
        return 0;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new InvalidInputException("INPUT_UNREADABLE", "cannot read " + p + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new InvalidInputException("INPUT_UNREADABLE", "cannot read " + p + ": " + e.getMessage());
        }
    }

    private static String mediaType(Path p) {
        try {
            String t = Files.probeContentType(p);
            return t == null ? "application/octet-stream" : t;
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }
}
