package io.liaison.cli;

import org.jline.utils.WCWidth;

/**
 * Table cells padded by the columns a terminal gives them, not by characters: Korean and Japanese characters take
 * two columns each (East Asian Wide), combining marks none, so that a table of markings such as 군사Ⅱ급비밀 and
 * 極秘 lines up.
 */
final class Columns {
    private Columns() {}

    /** The columns {@code text} takes on a terminal (control characters count as none). */
    static int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }

    /** {@code text} followed by spaces up to {@code columns} wide (never cut). */
    static String pad(String text, int columns) {
        int w = width(text);
        return w >= columns ? text : text + " ".repeat(columns - w);
    }
}
