package io.liaison.cli;

import io.liaison.core.policy.Classification;

/** Renders banners with their colours (24-bit ANSI) when colour is on, as plain text otherwise. */
record Terminal(boolean color) {

    String banner(Classification level, String text) {
        if (!color) {
            return "[" + text + "]";
        }
        var bg = level.color();
        var fg = level.textColor();
        return String.format("\u001b[48;2;%d;%d;%dm\u001b[38;2;%d;%d;%dm %s \u001b[0m",
                bg.red(), bg.green(), bg.blue(), fg.red(), fg.green(), fg.blue(), text);
    }

    String bold(String text) {
        return color ? "\u001b[1m" + text + "\u001b[0m" : text;
    }
}
