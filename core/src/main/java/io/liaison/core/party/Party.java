package io.liaison.core.party;

import java.util.regex.Pattern;

/**
 * A party to an agreement: a government written as an ISO 3166 trigraph ({@code KOR}, {@code JPN},
 * {@code USA}) or an organisation's own upper-case code ({@code CERT-EU}).
 */
public record Party(String code) implements Comparable<Party> {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9-]{1,31}");

    public Party {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "party code '" + code + "' is invalid: use an ISO 3166 trigraph (KOR) or an upper-case"
                            + " organisation code of 2 to 32 characters");
        }
    }

    public static Party of(String code) {
        return new Party(code);
    }

    @Override
    public int compareTo(Party other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
