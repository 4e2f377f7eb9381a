package io.liaison.core.maritime.ais;

import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Mmsi;
import java.util.Optional;

/** What an AIS message says about a vessel: where it is, or who it is. */
public sealed interface AisMessage {
    int type();

    Mmsi mmsi();

    /**
     * A position report (types 1, 2, 3 class A; 18, 19 class B; 27 long range). Values the station marks "not
     * available" are empty: latitude 91, longitude 181, speed 102.3 kn, course 360°, heading 511.
     * {@code status}: navigational status 0–15 (15 undefined); class B reports none.
     */
    record Position(int type, Mmsi mmsi, Optional<Double> latitude, Optional<Double> longitude, Optional<Double> speed,
            Optional<Double> course, Optional<Integer> heading, Optional<Integer> status, int second)
            implements AisMessage {
        /** Whether the report carries a usable position. */
        public boolean located() {
            return latitude.isPresent() && longitude.isPresent();
        }
    }

    /** Static and voyage data (type 5; type 19's name; type 24 part A the name, part B the call sign and type). */
    record Static(int type, Mmsi mmsi, Optional<Imo> imo, Optional<String> callSign, Optional<String> name,
            Optional<Integer> shipType, Optional<String> destination, Optional<Double> draught) implements AisMessage {}

    /** Any other message: a base station, a safety text, binary data. Counted, not used. */
    record Other(int type, Mmsi mmsi) implements AisMessage {}
}
