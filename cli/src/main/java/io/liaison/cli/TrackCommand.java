package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.hotline.Velocity;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liaison track send|watch|picture}: live missile tracks on a hotline line. */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = "Share and watch live missile tracks on a hotline line; the first update of a track sends a FLASH.")
final class TrackCommand {
    private final Services s;
    private final InputStream stdin;
    @Mixin Remote remote;

    TrackCommand(Services s, InputStream stdin) {
        this.s = s;
        this.stdin = stdin;
    }

    @Command(mixinStandardHelpOptions = true, name = "send", description = "Share one track update, from options, or updates as a JSON array (--json FILE, "
            + "- for stdin).")
    int send(@Option(names = "--line", required = true) String line,
            @Option(names = "--json", paramLabel = "FILE") String json,
            @Option(names = "--id", paramLabel = "TRACK") String id,
            @Option(names = "--time", description = "ISO instant (default: now)") String time,
            @Option(names = "--position", paramLabel = "LAT,LON,ALT_M") String position,
            @Option(names = "--velocity", paramLabel = "N,E,UP_M_S", defaultValue = "0,0,0") String velocity,
            @Option(names = "--launch", paramLabel = "LAT,LON") String launch,
            @Option(names = "--impact", paramLabel = "LAT,LON") String impact,
            @Option(names = "--uncertainty", paramLabel = "METRES", defaultValue = "0") double uncertainty,
            @Option(names = "--sensor") String sensor,
            @Option(names = "--quality", defaultValue = "0.5") double quality,
            @Option(names = "--classification") String classification) throws IOException {
        List<TrackUpdate> updates;
        if (json != null) {
            updates = List.of(Json.read(Inputs.read(json, stdin, 8 << 20), TrackUpdate[].class, Inputs.source(json), 8 << 20));
        } else {
            if (id == null || position == null || launch == null || impact == null || sensor == null
                    || classification == null) {
                throw new InvalidInputException("TRACK_INVALID", "a track update needs --id, --position, --launch, "
                        + "--impact, --sensor and --classification (or --json)");
            }
            double[] p = numbers("--position", position, 3);
            double[] v = numbers("--velocity", velocity, 3);
            double[] l = numbers("--launch", launch, 2);
            double[] i = numbers("--impact", impact, 2);
            updates = List.of(new TrackUpdate(id, time == null ? s.clock().instant() : instant(time),
                    new GeoPoint(p[0], p[1], p[2]), new Velocity(v[0], v[1], v[2]), new GeoPoint(l[0], l[1], 0),
                    new GeoPoint(i[0], i[1], 0), uncertainty, sensor, quality, classification));
        }
        JsonNode r = remote.client().post("/api/hotline/lines/" + line + "/tracks", Map.of("updates", updates));
        s.out().println(r.path("taken").asInt() + " of " + updates.size() + " update(s) taken on " + line);
        return 0;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("TIME_INVALID", "--time '" + text + "' is not an ISO instant");
        }
    }

    private static double[] numbers(String option, String text, int n) {
        String[] parts = text.split(",");
        if (parts.length != n) {
            throw new InvalidInputException("TRACK_INVALID", option + " '" + text + "' needs " + n + " numbers separated by commas");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("TRACK_INVALID", option + " '" + text + "': '" + parts[i] + "' is not a number");
            }
        }
        return out;
    }

    @Command(mixinStandardHelpOptions = true, name = "watch", description = "Print track updates on a line live (each track's latest when behind).")
    int watch(@Option(names = "--line", required = true) String line,
            @Option(names = "--count", description = "exit after this many updates") Integer count) {
        int[] seen = {0};
        remote.client().stream("/api/hotline/events", Map.of("line", line), (event, data) -> {
            if (!event.equals("track")) {
                return true;
            }
            try {
                JsonNode h = Json.MAPPER.readTree(data);
                JsonNode u = h.path("update");
                s.out().println(String.format(Locale.ROOT, "%s %-12s %s  %7.3f %8.3f %7.0f m  %6.0f m/s  impact %7.3f %8.3f "
                        + "±%.0f m  %s q=%.2f  [%s]", h.path("party").asText(), u.path("trackId").asText(),
                        u.path("time").asText(), u.path("position").path("latitude").asDouble(),
                        u.path("position").path("longitude").asDouble(), u.path("position").path("altitude").asDouble(),
                        Math.sqrt(sq(u.path("velocity"), "north") + sq(u.path("velocity"), "east")
                                + sq(u.path("velocity"), "up")), u.path("impactPoint").path("latitude").asDouble(),
                        u.path("impactPoint").path("longitude").asDouble(), u.path("impactUncertainty").asDouble(),
                        u.path("sensor").asText(), u.path("quality").asDouble(), h.path("marking").asText()));
                s.out().flush();
            } catch (IOException e) {
                return true;
            }
            return count == null || ++seen[0] < count;
        });
        return 0;
    }

    private static double sq(JsonNode v, String field) {
        double x = v.path(field).asDouble();
        return x * x;
    }

    @Command(mixinStandardHelpOptions = true, name = "picture", description = "Each party's view of every track on a line, and the fused tracks.")
    int picture(@Option(names = "--line", required = true) String line) {
        JsonNode p = remote.client().get("/api/hotline/lines/" + line + "/tracks", Map.of());
        for (JsonNode h : p.path("views")) {
            JsonNode u = h.path("update");
            s.out().println(String.format(Locale.ROOT, "view  %s %-12s %s  impact %.3f %.3f ±%.0f m  %s q=%.2f  [%s]",
                    h.path("party").asText(), u.path("trackId").asText(), u.path("time").asText(),
                    u.path("impactPoint").path("latitude").asDouble(), u.path("impactPoint").path("longitude").asDouble(),
                    u.path("impactUncertainty").asDouble(), u.path("sensor").asText(), u.path("quality").asDouble(),
                    h.path("marking").asText()));
        }
        for (JsonNode f : p.path("fused")) {
            s.out().println(String.format(Locale.ROOT, "fused %s  impact %.3f %.3f ±%.0f m", f.path("id").asText(),
                    f.path("impactPoint").path("latitude").asDouble(), f.path("impactPoint").path("longitude").asDouble(),
                    f.path("impactUncertainty").asDouble()));
            for (JsonNode c : f.path("contributions")) {
                s.out().println(String.format(Locale.ROOT, "      %s %s (%s, quality %.2f): position weight %.2f, impact "
                        + "weight %.2f", c.path("party").asText(), c.path("track").asText(), c.path("sensor").asText(),
                        c.path("quality").asDouble(), c.path("positionWeight").asDouble(), c.path("impactWeight").asDouble()));
            }
        }
        if (p.path("views").isEmpty()) {
            s.out().println("no tracks on " + line);
        }
        return 0;
    }
}
