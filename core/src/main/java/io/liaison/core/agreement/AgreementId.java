package io.liaison.core.agreement;

import io.liaison.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The id of an agreement or arrangement, such as {@code jpn-kor-gsomia-2016}: lower-case letters, digits and
 * {@code -}, 3 to 64 characters, starting with a letter. Parsed once at the edge; inside, agreements are named by
 * this type and never by a bare string.
 */
public record AgreementId(String value) implements Comparable<AgreementId> {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{2,63}");
    private static final int SHOWN = 80;

    public AgreementId {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidInputException("AGREEMENT_ID_INVALID", "agreement id '" + shown(value)
                    + "' is invalid: 3 to 64 lower-case letters, digits and '-', starting with a letter");
        }
    }

    public static AgreementId of(String value) {
        return new AgreementId(value);
    }

    private static String shown(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }

    @Override
    public int compareTo(AgreementId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
