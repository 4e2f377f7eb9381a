package io.liaison.server.console;

import java.util.Objects;
import java.util.Optional;

/**
 * What every console page shows around its content: the title, the node's party, who is signed in, the
 * classification banner (top and bottom, set by the highest label on the page), the form token, and whether the
 * page is live (loads the node's scripts).
 */
public record Page(String title, String party, Optional<Viewer> user, Banner banner, String csrf, boolean live) {
    public Page(String title, String party, Optional<Viewer> user, Banner banner, String csrf) {
        this(title, party, user, banner, csrf, false);
    }

    /** The same page with the scripts that keep it live (htmx and its SSE extension, served from the node). */
    public Page lively() {
        return new Page(title, party, user, banner, csrf, true);
    }

    public Page {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(csrf, "csrf");
    }

    /** The signed-in user as the header shows it. */
    public record Viewer(String name, String party, String clearance, String duties) {}

    /** A banner's words and the style class of its level's colours. */
    public record Banner(String text, String cssClass) {}
}
