package io.liaison.server.console;

import java.util.Objects;
import java.util.Optional;

/**
 * What every console page shows around its content: the title, the node's party, who is signed in, the
 * classification banner (top and bottom, set by the highest label on the page), the form token, and whether the
 * page is live (loads the node's scripts).
 */
public record Page(String title, String party, Optional<Viewer> user, Banner banner, String csrf, boolean live,
        boolean map) {
    public Page(String title, String party, Optional<Viewer> user, Banner banner, String csrf) {
        this(title, party, user, banner, csrf, false, false);
    }

    /** The same page with the scripts that keep it live (htmx and its SSE extension, served from the node). */
    public Page lively() {
        return new Page(title, party, user, banner, csrf, true, map);
    }

    /** The same page with the map's scripts and style (Leaflet, topojson, milsymbol, the picture's own). */
    public Page mapped() {
        return new Page(title, party, user, banner, csrf, live, true);
    }

    public Page {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(csrf, "csrf");
    }

    /**
     * The signed-in user as the header shows it, with the seconds left until the session ends (empty if it does
     * not), which the page counts down and acts on.
     */
    public record Viewer(String name, String party, String clearance, String duties, String roles, String left) {}

    /** A banner's words and the style class of its level's colours. */
    public record Banner(String text, String cssClass) {}
}
