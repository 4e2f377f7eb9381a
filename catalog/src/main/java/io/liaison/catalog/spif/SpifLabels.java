package io.liaison.catalog.spif;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * A label or clearance in whichever encoding it comes: spiffing's number-coded XML, ADatP-4774 XML (resolved through
 * its policy), or an ESS security label in BER/DER (anything that does not start with {@code <}).
 */
public final class SpifLabels {
    private SpifLabels() {}

    public static SpifLabel read(byte[] bytes, String source, Function<String, Optional<Spif>> policies) {
        if (bytes.length == 0) {
            throw new InvalidInputException("LABEL_INVALID", "No data to parse (" + source + " is empty)");
        }
        if (SpiffyXml.is(bytes)) {
            return SpiffyXml.read(bytes, source);
        }
        if (NatoLabels.is(bytes)) {
            return NatoLabels.read(bytes, source, policies);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("<")) {
            throw new InvalidInputException("LABEL_UNREAD", source + ": an XML label in no form known here (namespaces "
                    + SpiffyXml.NS + ", " + NatoLabels.NS + ")");
        }
        return EssLabels.read(bytes, source, policies);
    }
}
