package io.liaison.core.maritime.ais;

import java.util.List;

/**
 * Reads a feed's sentences one at a time: parses each, joins fragments, decodes complete messages. A bad sentence
 * is refused on its own ({@code NMEA_INVALID}, {@code AIS_INVALID}, {@code MMSI_INVALID}) and the stream goes on.
 * Not thread-safe: one per feed.
 */
public final class AisStream {
    private final Assembler assembler = new Assembler();

    /** What {@code line} completes: nothing while fragments are missing. */
    public List<AisMessage> read(String line) {
        return assembler.add(Sentence.parse(line)).map(AisDecoder::decode).orElse(List.of());
    }

    public long droppedFragments() {
        return assembler.dropped();
    }
}
