package io.liaison.core.policy;

import java.util.regex.Pattern;

/** A colour as {@code #RRGGBB}, used for banners. */
public record Rgb(String hex) {
    private static final Pattern HEX = Pattern.compile("#[0-9A-F]{6}");

    public Rgb {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("colour '" + hex + "' is invalid: use #RRGGBB in upper-case hex");
        }
    }

    public static Rgb of(String hex) {
        return new Rgb(hex == null ? null : hex.toUpperCase(java.util.Locale.ROOT));
    }

    public int red() {
        return Integer.parseInt(hex.substring(1, 3), 16);
    }

    public int green() {
        return Integer.parseInt(hex.substring(3, 5), 16);
    }

    public int blue() {
        return Integer.parseInt(hex.substring(5, 7), 16);
    }
}
