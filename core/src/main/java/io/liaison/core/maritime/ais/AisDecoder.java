package io.liaison.core.maritime.ais;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Mmsi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decodes the bits of one AIS message into what it says about a vessel (ITU-R M.1371-5, Annex 8). */
public final class AisDecoder {
    private AisDecoder() {}

    /** The messages a payload holds (type 19 gives a position and a name); refuses one too short to name its MMSI. */
    public static List<AisMessage> decode(Payload p) {
        if (p.length() < 38) {
            throw new InvalidInputException("AIS_INVALID", "an AIS message of " + p.length() + " bits is too short to "
                    + "hold its type and MMSI (38 bits)");
        }
        int type = (int) p.unsigned(0, 6);
        long mmsiValue = p.unsigned(8, 30);
        if (mmsiValue == 0) {
            throw new InvalidInputException("AIS_INVALID", "an AIS message of type " + type + " names MMSI 0");
        }
        Mmsi mmsi = new Mmsi((int) mmsiValue);
        int needed = switch (type) {
            case 1, 2, 3, 18 -> 168;
            case 19 -> 312;
            case 27 -> 96;
            case 5 -> 420;
            case 24 -> 160;
            default -> 38;
        };
        if (p.length() < needed) {
            throw new InvalidInputException("AIS_INVALID", "an AIS message of type " + type + " has " + p.length()
                    + " bits, fewer than its " + needed);
        }
        List<AisMessage> out = new ArrayList<>(2);
        switch (type) {
            case 1, 2, 3 -> out.add(new AisMessage.Position(type, mmsi, latitude(p.signed(89, 27), 600_000),
                    longitude(p.signed(61, 28), 600_000), speed(p.unsigned(50, 10)), course(p.unsigned(116, 12)),
                    heading(p.unsigned(128, 9)), Optional.of((int) p.unsigned(38, 4)), (int) p.unsigned(137, 6)));
            case 18, 19 -> {
                out.add(new AisMessage.Position(type, mmsi, latitude(p.signed(85, 27), 600_000),
                        longitude(p.signed(57, 28), 600_000), speed(p.unsigned(46, 10)), course(p.unsigned(112, 12)),
                        heading(p.unsigned(124, 9)), Optional.empty(), (int) p.unsigned(133, 6)));
                if (type == 19) {
                    out.add(new AisMessage.Static(type, mmsi, Optional.empty(), Optional.empty(),
                            text(p, 143, 120), shipType(p.unsigned(263, 8)), Optional.empty(), Optional.empty()));
                }
            }
            case 27 -> {
                long lon = p.signed(44, 18);
                long lat = p.signed(62, 17);
                long sog = p.unsigned(79, 6);
                long cog = p.unsigned(85, 9);
                out.add(new AisMessage.Position(type, mmsi, latitude(lat, 600), longitude(lon, 600),
                        sog == 63 ? Optional.empty() : Optional.of((double) sog), cog >= 360 ? Optional.empty()
                        : Optional.of((double) cog), Optional.empty(), Optional.of((int) p.unsigned(40, 4)), 60));
            }
            case 5 -> {
                long imo = p.unsigned(40, 30);
                long draught = p.unsigned(294, 8);
                out.add(new AisMessage.Static(type, mmsi, Imo.valid(imo) ? Optional.of(new Imo((int) imo))
                        : Optional.empty(), text(p, 70, 42), text(p, 112, 120), shipType(p.unsigned(232, 8)),
                        text(p, 302, 120), draught == 0 ? Optional.empty() : Optional.of(draught / 10.0)));
            }
            case 24 -> {
                long part = p.unsigned(38, 2);
                if (part == 0) {
                    out.add(new AisMessage.Static(type, mmsi, Optional.empty(), Optional.empty(), text(p, 40, 120),
                            Optional.empty(), Optional.empty(), Optional.empty()));
                } else if (part > 1 || p.length() < 168) {
                    out.add(new AisMessage.Other(type, mmsi));
                } else {
                    out.add(new AisMessage.Static(type, mmsi, Optional.empty(), text(p, 90, 42), Optional.empty(),
                            shipType(p.unsigned(40, 8)), Optional.empty(), Optional.empty()));
                }
            }
            default -> out.add(new AisMessage.Other(type, mmsi));
        }
        return out;
    }

    private static Optional<Double> latitude(long raw, double perDegree) {
        double v = raw / perDegree;
        return Math.abs(v) > 90 ? Optional.empty() : Optional.of(round(v));
    }

    private static Optional<Double> longitude(long raw, double perDegree) {
        double v = raw / perDegree;
        return Math.abs(v) > 180 ? Optional.empty() : Optional.of(round(v));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Optional<Double> speed(long raw) {
        return raw == 1023 ? Optional.empty() : Optional.of(raw / 10.0);
    }

    private static Optional<Double> course(long raw) {
        return raw >= 3600 ? Optional.empty() : Optional.of(raw / 10.0);
    }

    private static Optional<Integer> heading(long raw) {
        return raw > 359 ? Optional.empty() : Optional.of((int) raw);
    }

    private static Optional<Integer> shipType(long raw) {
        return raw == 0 ? Optional.empty() : Optional.of((int) raw);
    }

    private static Optional<String> text(Payload p, int start, int width) {
        String s = p.text(start, width);
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
