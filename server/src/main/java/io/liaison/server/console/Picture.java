package io.liaison.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.TrackFusion;
import io.liaison.core.maritime.Indications;
import io.liaison.core.maritime.VesselFusion;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.Line;
import io.liaison.hotline.Maritime;
import io.liaison.hotline.Tracks;
import io.liaison.node.accounts.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A line's picture on an offline map: each party's view of every missile track (position, launch and predicted
 * impact with its uncertainty), the fused tracks with what each party contributed, and the maritime picture the
 * user may see (vessels and suspect activity). The page draws it with Leaflet on Natural Earth land, symbols in
 * APP-6 / MIL-STD-2525 (milsymbol), and refreshes it every second from {@code picture.json}, which carries only
 * what the user may read (R9) and the banner of the highest label in it.
 */
final class Picture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Frame frame;
    private final Desk desk;

    Picture(Frame frame, Desk desk) {
        this.frame = frame;
        this.desk = desk;
    }

    void register() {
        frame.get("/hotline/{line}/picture", java.util.Set.of(), this::page);
        frame.get("/hotline/{line}/picture.json", java.util.Set.of(), this::data);
    }

    private void page(Context ctx, User user, String token) throws Exception {
        Line line = desk.line(user, ctx.pathParam("line"));
        Map<String, Object> data = picture(user, line);
        @SuppressWarnings("unchecked")
        Map<String, String> banner = (Map<String, String>) data.get("banner");
        // The first picture comes with the page (a JSON block the CSP lets no one run), so that it is drawn without
        // waiting for a request; the page then refreshes it from picture.json.
        String json = JSON.writeValueAsString(data).replace("<", "\\u003c");
        frame.render(ctx, 200, "picture.jte", Map.of("page", frame.page("Picture " + line.id(), user,
                new Page.Banner(banner.get("text"), banner.get("cssClass")), token).mapped(), "line", line.id(),
                "peer", line.peer().code(), "data", new gg.jte.Content() {
                    @Override
                    public void writeTo(gg.jte.TemplateOutput output) {
                        output.writeContent(json);
                    }
                }));
    }

    private void data(Context ctx, User user, String token) throws Exception {
        Line line = desk.line(user, ctx.pathParam("line"));
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(JSON.writeValueAsBytes(picture(user, line)));
    }

    /** The picture as the page draws it. */
    Map<String, Object> picture(User user, Line line) {
        Hotline h = desk.hotline();
        Tracks.Picture p = h.tracks().picture(user, line.id());
        List<String> levels = new ArrayList<>();
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (Tracks.Held held : p.views()) {
            var u = held.update();
            levels.add(u.classification());
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("party", held.party().code());
            t.put("marking", held.marking());
            t.put("id", u.trackId());
            t.put("time", u.time().toString());
            t.put("at", point(u.position()));
            t.put("alt", Math.round(u.position().altitude()));
            t.put("launch", point(u.launchPoint()));
            t.put("impact", point(u.impactPoint()));
            t.put("sigma", Math.round(u.impactUncertainty()));
            t.put("sensor", u.sensor());
            t.put("quality", round(u.quality(), 2));
            tracks.add(t);
        }
        List<Map<String, Object>> fused = new ArrayList<>();
        for (TrackFusion.Fused f : p.fused()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", f.id());
            t.put("time", f.time().toString());
            t.put("at", point(f.position()));
            t.put("launch", point(f.launchPoint()));
            t.put("impact", point(f.impactPoint()));
            t.put("sigma", Math.round(f.impactUncertainty()));
            t.put("from", f.contributions().stream().map(c -> c.party().code() + " " + c.trackId() + " ("
                    + c.sensor() + ")").collect(Collectors.joining(", ")));
            fused.add(t);
        }
        List<Map<String, Object>> vessels = new ArrayList<>();
        List<Map<String, Object>> indications = new ArrayList<>();
        try {
            Maritime.Picture m = h.maritime().picture(user, Optional.empty());
            m.views().forEach(v -> levels.add(v.contact().classification()));
            for (VesselFusion.Vessel v : m.vessels()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("id", v.id());
                t.put("name", v.name().orElse(v.mmsis().isEmpty() ? v.id() : v.mmsis().getFirst().toString()));
                t.put("flags", String.join("/", v.flags()));
                t.put("at", point(v.position()));
                t.put("course", v.course().orElse(null));
                t.put("speed", v.speed().orElse(null));
                vessels.add(t);
            }
            for (Indications.Indication i : m.indications()) {
                indications.add(Map.of("kind", i.kind().name(), "at", point(i.position()), "summary", i.summary()));
            }
        } catch (ForbiddenException e) {
            // no official need for the maritime picture: the layer stays empty
        }
        Page.Banner banner = frame.highest(levels);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", line.id());
        out.put("banner", Map.of("text", banner.text(), "cssClass", banner.cssClass()));
        out.put("tracks", tracks);
        out.put("fused", fused);
        out.put("vessels", vessels);
        out.put("indications", indications);
        return out;
    }

    /** A point to 4 decimals (about 11 m), which is what a map at any zoom the page allows can show. */
    private static double[] point(GeoPoint p) {
        return new double[] {round(p.latitude(), 4), round(p.longitude(), 4)};
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
