package io.liaison.core.hotline;

import io.liaison.core.error.InvalidInputException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How long each precedence may wait for a human acknowledgement before the line escalates (R25): the ACP 121
 * defaults unless a line sets its own. Written like {@code FLASH=10m,IMMEDIATE=30m,PRIORITY=3h,ROUTINE=6h}.
 */
public record Objectives(Map<Precedence, Duration> byPrecedence) {
    static final Duration SHORTEST = Duration.ofSeconds(10);
    static final Duration LONGEST = Duration.ofDays(7);

    public Objectives {
        EnumMap<Precedence, Duration> all = new EnumMap<>(Precedence.class);
        for (Precedence p : Precedence.values()) {
            Duration d = byPrecedence.getOrDefault(p, p.defaultObjective());
            if (d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0) {
                throw new InvalidInputException("OBJECTIVE_INVALID", "the " + p + " objective " + written(d)
                        + " is outside " + written(SHORTEST) + " to " + written(LONGEST) + " (R25)");
            }
            all.put(p, d);
        }
        for (Precedence p : Precedence.values()) {
            for (Precedence q : Precedence.values()) {
                if (p.above(q) && all.get(p).compareTo(all.get(q)) > 0) {
                    throw new InvalidInputException("OBJECTIVE_INVALID", "the " + p + " objective " + written(all.get(p))
                            + " is longer than the " + q + " objective " + written(all.get(q))
                            + "; a higher precedence is answered sooner (R25)");
                }
            }
        }
        byPrecedence = java.util.Collections.unmodifiableMap(all);
    }

    public static Objectives defaults() {
        return new Objectives(Map.of());
    }

    public Duration of(Precedence p) {
        return byPrecedence.get(p);
    }

    /** Parses {@code FLASH=5m,ROUTINE=2h}; precedences not named keep their defaults. Empty: the defaults. */
    public static Objectives parse(String text) {
        if (text == null || text.isBlank()) {
            return defaults();
        }
        EnumMap<Precedence, Duration> m = new EnumMap<>(Precedence.class);
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new InvalidInputException("OBJECTIVE_INVALID", "objective '" + part.strip()
                        + "' is not PRECEDENCE=DURATION, e.g. FLASH=10m (R25)");
            }
            m.put(Precedence.parse(kv[0].strip()), duration(kv[1].strip()));
        }
        return new Objectives(m);
    }

    /** {@code 90s}, {@code 10m}, {@code 3h} or {@code 1d}. */
    static Duration duration(String text) {
        if (text.length() < 2 || !text.substring(0, text.length() - 1).chars().allMatch(Character::isDigit)
                || text.length() > 8) {
            throw new InvalidInputException("OBJECTIVE_INVALID", "duration '" + text + "' is not a number followed by s, m, "
                    + "h or d (R25)");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new InvalidInputException("OBJECTIVE_INVALID", "duration '" + text
                    + "' is not a number followed by s, m, h or d (R25)");
        };
    }

    static String written(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** The written form, every precedence named, e.g. {@code FLASH=10m,IMMEDIATE=30m,PRIORITY=3h,ROUTINE=6h}. */
    public String written() {
        return byPrecedence.entrySet().stream().map(e -> e.getKey() + "=" + written(e.getValue()))
                .collect(Collectors.joining(","));
    }
}
