package io.liaison.server.console;

import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;

/**
 * The console's style sheet, served from the node: the layout, and one class per level of the node's policy in the
 * policy's own colours, so that banners and portion markings need no inline style (the Content-Security-Policy
 * allows none).
 */
final class Styles {
    private static final String BASE = """
            body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
            header { display: flex; gap: 1.5rem; align-items: center; padding: .5rem 1rem; background: #e8eaed; }
            header .who { flex: 1; }
            header form { margin: 0; }
            main { padding: 1rem 2rem; max-width: 72rem; }
            .banner { text-align: center; font-weight: bold; letter-spacing: .05em; padding: .25rem; }
            .portion { font-weight: bold; padding: 0 .35rem; border-radius: .2rem; }
            .hits { list-style: none; padding: 0; }
            .hits li { padding: .35rem 0; border-bottom: 1px solid #ddd; }
            .error { color: #9b1c1c; font-weight: bold; }
            form.login label { display: block; margin: .5rem 0; }
            pre.text { white-space: pre-wrap; background: #fff; padding: 1rem; border: 1px solid #ddd; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
            dt { font-weight: bold; }
            .decision.refused { color: #9b1c1c; font-weight: bold; }
            .decision.allowed { color: #1b5e20; font-weight: bold; }
            .messages { list-style: none; padding: 0; }
            .message { display: flex; gap: .75rem; align-items: baseline; padding: .5rem; margin: .25rem 0;
                       border-left: 8px solid #9e9e9e; background: #fff; }
            .message form { margin: 0 0 0 auto; }
            .message .precedence { font-weight: bold; min-width: 6rem; }
            .prec-FLASH { border-left-color: #b00020; background: #ffebee; animation: flash 0.5s 6 alternate; }
            .prec-IMMEDIATE { border-left-color: #e65100; }
            .prec-PRIORITY { border-left-color: #f9a825; }
            .prec-ROUTINE { border-left-color: #9e9e9e; }
            .alarms { list-style: none; padding: 0; }
            .alarm { display: flex; gap: .75rem; align-items: baseline; padding: .5rem; margin: .25rem 0;
                     background: #fff3e0; border-left: 8px solid #e65100; }
            .alarm .kind { font-weight: bold; }
            .alarm form { margin: 0 0 0 auto; }
            @keyframes flash { from { background: #b00020; color: #fff; } to { background: #ffebee; color: #1b1b1b; } }
            """;

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
