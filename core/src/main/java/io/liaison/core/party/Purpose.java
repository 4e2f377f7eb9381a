package io.liaison.core.party;

/**
 * A purpose or topic for which information is provided or a duty is assigned, e.g.
 * {@code DPRK missile threat}. Compared exactly; whitespace at the ends is not allowed.
 */
public record Purpose(String name) implements Comparable<Purpose> {
    public Purpose {
        if (name == null || name.isBlank() || !name.equals(name.strip()) || name.length() > 200) {
            throw new IllegalArgumentException("purpose '" + name + "' is invalid: 1 to 200 characters, no leading"
                    + " or trailing spaces");
        }
    }

    public static Purpose of(String name) {
        return new Purpose(name);
    }

    @Override
    public int compareTo(Purpose other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
