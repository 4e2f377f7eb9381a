package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.Precedence;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison hotline send|tail|ack|status|messages|alarms|clear|add-line|lines}: precedence messaging between duty officers
 * (R23-R27).
 */
@Command(name = "hotline", mixinStandardHelpOptions = true,
        description = "Send, watch and acknowledge hotline messages; line status, alarms and lines (R23-R27).")
final class HotlineCommand {
    private final Services s;
    private final InputStream stdin;
    @Mixin Remote remote;

    HotlineCommand(Services s, InputStream stdin) {
        this.s = s;
        this.stdin = stdin;
    }

    @Command(mixinStandardHelpOptions = true, name = "send", description = "Send a message on a line; prints its id. --wait waits for the delivery receipt.")
    int send(@Option(names = "--line", required = true) String line,
            @Option(names = "--precedence", required = true, description = "FLASH, IMMEDIATE, PRIORITY or ROUTINE")
            String precedence,
            @Option(names = "--classification", required = true, description = "a level of this node's policy")
            String classification,
            @Option(names = "--reply-to", paramLabel = "ID") String replyTo,
            @Option(names = "--file", paramLabel = "FILE", description = "attach a file (up to 4)") List<Path> files,
            @Option(names = "--wait", description = "wait up to 30 s for the delivery receipt") boolean wait,
            @Parameters(paramLabel = "TEXT") String text) throws IOException, InterruptedException {
        Precedence.parse(precedence);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("precedence", precedence);
        body.put("classification", classification);
        body.put("text", text);
        if (replyTo != null) {
            body.put("replyTo", replyTo);
        }
        List<Map<String, String>> attached = new ArrayList<>();
        for (Path f : files == null ? List.<Path>of() : files) {
            String type = Files.probeContentType(f);
            attached.add(Map.of("name", f.getFileName().toString(), "mediaType", type == null ? "application/octet-stream"
                    : type, "data", Base64.getEncoder().encodeToString(Inputs.read(f.toString(), stdin, 256 * 1024))));
        }
        body.put("files", attached);
        NodeClient client = remote.client();
        JsonNode m = client.post("/api/hotline/lines/" + line + "/messages", body);
        String id = m.path("id").asText();
        s.out().println(id + "  " + m.path("precedence").asText() + " queued on " + line + ", marked "
                + m.path("marking").asText());
        if (wait) {
            long end = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < end) {
                JsonNode now = client.get("/api/hotline/messages/" + id, Map.of());
                if (now.has("deliveredAt") || now.path("state").asText().equals("REFUSED")) {
                    s.out().println(now.path("state").asText().equals("REFUSED") ? "refused by the other end: "
                            + now.path("lastError").asText() : "delivered at " + now.path("deliveredAt").asText());
                    return now.path("state").asText().equals("REFUSED") ? 1 : 0;
                }
                Thread.sleep(100);
            }
            s.out().println("not delivered yet (queued; it goes as soon as the line allows)");
            return 1;
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "tail", description = "Print the line's messages live, coloured by precedence, with receipts, alarms "
            + "and health; type a message's number and Enter to acknowledge it (Enter alone: the first waiting).")
    int tail(@Option(names = "--line", required = true) String line,
            @Option(names = "--count", description = "exit after this many messages") Integer count,
            @Option(names = "--ack", description = "acknowledge each message as it arrives") boolean ackAll) {
        NodeClient client = remote.client();
        ConcurrentSkipListMap<String, String> waiting = new ConcurrentSkipListMap<>();
        Map<String, String> numbers = new java.util.concurrent.ConcurrentHashMap<>();
        int[] seen = {0};
        for (JsonNode m : client.get("/api/hotline/lines/" + line + "/messages", Map.of("unacknowledged", "true",
                "limit", "200"))) {
            show(m, waiting, numbers, ++seen[0], "waiting");
        }
        Thread keys = Thread.ofPlatform().daemon().name("hotline-keys").start(() -> readKeys(client, waiting, numbers));
        int[] messages = {0};
        client.stream("/api/hotline/events", Map.of("line", line, "tracks", "false"), (event, data) -> {
            JsonNode e;
            try {
                e = Json.MAPPER.readTree(data);
            } catch (IOException ex) {
                return true;
            }
            switch (event) {
                case "message" -> {
                    if (e.path("direction").asText().equals("IN")) {
                        show(e, waiting, numbers, ++seen[0], "new");
                        messages[0]++;
                        if (ackAll) {
                            ack(client, e.path("id").asText(), waiting);
                        }
                    } else {
                        s.out().println("  sent " + e.path("precedence").asText() + " " + e.path("id").asText());
                    }
                }
                case "receipt" -> s.out().println("  " + e.path("kind").asText() + " " + e.path("message").asText()
                        + " by " + e.path("by").asText() + " after " + e.path("latencyMs").asLong() + " ms");
                case "alarm" -> s.out().println(color("FLASH", "  ALARM " + e.path("kind").asText() + ": "
                        + e.path("detail").asText() + (e.has("clearedAt") ? " (cleared by " + e.path("clearedBy").asText()
                        + ")" : " -> " + String.join("; ", strings(e.path("recipients"))))));
                case "health" -> s.out().println("  line " + e.path("line").asText() + " " + e.path("status").asText()
                        + ": " + e.path("detail").asText());
                default -> { }
            }
            s.out().flush();
            return count == null || messages[0] < count;
        });
        keys.interrupt();
        return 0;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private void show(JsonNode m, ConcurrentSkipListMap<String, String> waiting, Map<String, String> numbers, int n,
            String how) {
        String p = m.path("precedence").asText();
        String id = m.path("id").asText();
        numbers.put(Integer.toString(n), id);
        if (!m.has("acknowledgedAt")) {
            waiting.put(Precedence.parse(p).rank() + ":" + String.format("%08d", n), id);
        }
        s.out().println(color(p, String.format("[%d] %-9s %s  from %s/%s  [%s]  %s", n, p, m.path("sentAt").asText(),
                m.path("from").asText(), m.path("sender").asText(), m.path("marking").asText(), m.path("text").asText()))
                + "  (" + how + ", id " + id + ")");
    }

    private String color(String precedence, String text) {
        if (!s.terminal().color()) {
            return text;
        }
        String code = switch (precedence) {
            case "FLASH" -> "\u001b[1;97;41m";
            case "IMMEDIATE" -> "\u001b[1;30;43m";
            case "PRIORITY" -> "\u001b[1;36m";
            default -> "";
        };
        return code.isEmpty() ? text : code + text + "\u001b[0m";
    }

    private void readKeys(NodeClient client, ConcurrentSkipListMap<String, String> waiting, Map<String, String> numbers) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String key;
            while ((key = in.readLine()) != null) {
                String id = key.isBlank() ? (waiting.isEmpty() ? null : waiting.firstEntry().getValue())
                        : numbers.get(key.strip());
                if (id == null) {
                    s.out().println("  nothing to acknowledge" + (key.isBlank() ? "" : " as " + key.strip()));
                } else {
                    ack(client, id, waiting);
                }
                s.out().flush();
            }
        } catch (IOException e) {
            // stdin closed
        }
    }

    private void ack(NodeClient client, String id, ConcurrentSkipListMap<String, String> waiting) {
        try {
            JsonNode m = client.post("/api/hotline/messages/" + id + "/ack", Map.of());
            waiting.values().remove(id);
            s.out().println("  acknowledged " + id + " (" + m.path("precedence").asText() + ")");
        } catch (RuntimeException e) {
            s.out().println("  cannot acknowledge " + id + ": " + e.getMessage());
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "ack", description = "Acknowledge a received message (the line's duty officer only).")
    int ack(@Parameters(paramLabel = "ID") String id) {
        JsonNode m = remote.client().post("/api/hotline/messages/" + id + "/ack", Map.of());
        s.out().println("acknowledged " + id + ": " + m.path("precedence").asText() + " from " + m.path("from").asText()
                + "/" + m.path("sender").asText() + " on " + m.path("line").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "messages", description = "A line's messages, newest first; --unacknowledged: the received ones "
            + "waiting, highest precedence first.")
    int messages(@Option(names = "--line", required = true) String line,
            @Option(names = "--unacknowledged") boolean unacknowledged,
            @Option(names = "--limit", defaultValue = "50") int limit,
            @Option(names = "--before", paramLabel = "ID", description = "the page of messages older than this one")
            String before) {
        Map<String, String> q = new java.util.LinkedHashMap<>(Map.of("unacknowledged", Boolean.toString(unacknowledged),
                "limit", Integer.toString(limit)));
        if (before != null) {
            q.put("before", before);
        }
        JsonNode all = remote.client().get("/api/hotline/lines/" + line + "/messages", q);
        for (JsonNode m : all) {
            String state = m.path("direction").asText().equals("OUT")
                    ? "sent, " + m.path("state").asText().toLowerCase(java.util.Locale.ROOT)
                    : "received";
            String acked = m.has("acknowledgedAt") ? ", acknowledged by " + m.path("acknowledgedBy").asText() : "";
            s.out().println(color(m.path("precedence").asText(), String.format("%s  %-9s %s/%s  [%s]  %s", m.path("id")
                    .asText(), m.path("precedence").asText(), m.path("from").asText(), m.path("sender").asText(),
                    m.path("marking").asText(), m.path("text").asText())) + "  (" + state + acked + ")");
        }
        if (all.isEmpty()) {
            s.out().println("no messages");
        } else if (all.size() == limit && !unacknowledged) {
            s.out().println("older: liaison hotline messages --line " + line + " --before "
                    + all.get(all.size() - 1).path("id").asText());
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "status", description = "Each line: health, queues by precedence, latency p50/p99 (R26), alarms.")
    int status() {
        JsonNode all = remote.client().get("/api/hotline/status", Map.of());
        for (JsonNode l : all) {
            JsonNode line = l.path("line");
            s.out().println(s.terminal().bold(line.path("id").asText()) + "  to " + line.path("peer").asText() + " ("
                    + line.path("desk").asText() + ", " + line.path("agreement").asText() + ")  " + l.path("health").asText()
                    + (l.has("lastError") ? " (" + l.path("lastError").asText() + ")" : "") + "  open alarms "
                    + l.path("openAlarms").asInt());
            s.out().println(String.format("  %-9s %7s %9s %22s %22s", "", "queued", "waiting", "delivery p50/p99 ms",
                    "ack p50/p99 ms"));
            for (Precedence p : Precedence.values()) {
                JsonNode lat = l.path("latencyMs").path(p.name());
                s.out().println(String.format("  %-9s %7d %9d %22s %22s", p.name(), l.path("queued").path(p.name()).asInt(),
                        l.path("unacknowledged").path(p.name()).asInt(), pct(lat.path("delivery")),
                        pct(lat.path("acknowledgement"))));
            }
        }
        if (all.isEmpty()) {
            s.out().println("no lines you are on duty for");
        }
        return 0;
    }

    private static String pct(JsonNode p) {
        return p.path("samples").asInt() == 0 ? "-" : p.path("p50").asLong() + " / " + p.path("p99").asLong() + " (n="
                + p.path("samples").asInt() + ")";
    }

    @Command(mixinStandardHelpOptions = true, name = "alarms", description = "Open alarms of your lines (--all: cleared ones too).")
    int alarms(@Option(names = "--all") boolean all) {
        JsonNode list = remote.client().get("/api/hotline/alarms", Map.of("all", Boolean.toString(all)));
        for (JsonNode a : list) {
            s.out().println(a.path("id").asText() + "  " + a.path("raisedAt").asText() + "  " + a.path("kind").asText() + "  "
                    + a.path("detail").asText() + "  -> " + String.join("; ", strings(a.path("recipients")))
                    + (a.has("clearedAt") ? "  (cleared by " + a.path("clearedBy").asText() + ")" : ""));
        }
        if (list.isEmpty()) {
            s.out().println("no alarms");
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "clear", description = "Clear an alarm.")
    int clear(@Parameters(paramLabel = "ALARM") String alarm, @Option(names = "--note", defaultValue = "") String note) {
        remote.client().post("/api/hotline/alarms/" + alarm + "/clear", Map.of("note", note));
        s.out().println("alarm " + alarm + " cleared");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "add-line", description = "Add a line to a peer (admin); both ends add the same id.")
    int addLine(@Parameters(paramLabel = "ID", description = "e.g. jpn-kor-policy-dg") String id,
            @Option(names = "--peer", required = true) String peer,
            @Option(names = "--desk", required = true) String desk,
            @Option(names = "--agreement", required = true) String agreement,
            @Option(names = "--duty", required = true, split = ",", description = "this end's duty officers")
            List<String> duty,
            @Option(names = "--peer-duty", required = true, split = ",", description = "the other end's") List<String> peerDuty,
            @Option(names = "--escalation", required = true, description = "whom an unanswered message escalates to")
            String escalation,
            @Option(names = "--objectives", description = "e.g. FLASH=5m,ROUTINE=2h (defaults: ACP 121)") String objectives) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("peer", peer);
        body.put("desk", desk);
        body.put("agreement", agreement);
        body.put("dutyOfficers", duty);
        body.put("peerDutyOfficers", peerDuty);
        body.put("escalationContact", escalation);
        if (objectives != null) {
            body.put("objectives", objectives);
        }
        JsonNode l = remote.client().post("/api/hotline/lines", body);
        s.out().println("line " + l.path("id").asText() + " to " + l.path("peer").asText() + " added; objectives "
                + l.path("objectives").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "lines", description = "The lines of this node.")
    int lines() {
        for (JsonNode l : remote.client().get("/api/hotline/lines", Map.of())) {
            s.out().println(l.path("id").asText() + "  to " + l.path("peer").asText() + "  desk " + l.path("desk").asText()
                    + "  under " + l.path("agreement").asText() + "  duty " + String.join(",", strings(l.path("dutyOfficers")))
                    + "  escalation " + l.path("escalationContact").asText() + "  " + l.path("objectives").asText());
        }
        return 0;
    }
}
