package io.liaison.server.console;

import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;

/**
 * The console's style sheet, served from the node: the layout, and one class per level of the node's policy in the
 * policy's own colours, so that banners and portion markings need no inline style (the Content-Security-Policy
 * allows none).
 */
final class Styles {
    /** The layout, read once from the jar. */
    private static final String BASE;

    static {
        try (var in = Styles.class.getResourceAsStream("/io/liaison/server/console/console-base.css")) {
            BASE = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("the console's style sheet is not in this build", e);
        }
    }

    private Styles() {}

    static String cssClass(Classification c) {
        return "level-" + c.lacv();
    }

    static String css(SecurityPolicy policy) {
        StringBuilder sb = new StringBuilder(BASE);
        for (Classification c : policy.levels()) {
            sb.append('.').append(cssClass(c)).append(" { background: ").append(c.color().hex()).append("; color: ")
                    .append(c.textColor().hex()).append("; }\n");
        }
        return sb.toString();
    }
}
