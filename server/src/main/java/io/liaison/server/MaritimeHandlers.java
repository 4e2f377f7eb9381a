package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.maritime.Contact;
import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Indications;
import io.liaison.core.maritime.Mmsi;
import io.liaison.core.maritime.VesselFusion;
import io.liaison.core.party.Purpose;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.Maritime;
import io.liaison.hotline.MaritimeReports;
import io.liaison.hotline.MaritimeShares;
import io.liaison.node.accounts.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/maritime} (R33): the maritime picture for anti-piracy and sanctions enforcement: AIS fed as NMEA text
 * and this party's own sightings; standing shares on hotline lines for a purpose; the fused picture with its
 * indications; reports of suspect activity filed as items.
 */
final class MaritimeHandlers {
    private static final int LIMIT = 64 * 1024;
    private static final Set<Role> CONTRIBUTORS = Set.of(Role.DUTY_OFFICER, Role.ANALYST);
    private static final Set<Role> READERS = Set.of(Role.DUTY_OFFICER, Role.ANALYST, Role.SECURITY_OFFICER);
    private final Hotline hotline;

    MaritimeHandlers(Hotline hotline) {
        this.hotline = hotline;
    }

    record FeedRequest(String nmea, String source, String classification) {}

    record ContactDto(String mmsi, String imo, String name, String callSign, Double latitude, Double longitude,
            Double course, Double speed, String source, String time, String classification) {}

    record ContactsRequest(List<ContactDto> contacts) {}

    record ShareRequest(String line, String purpose, String classification) {}

    record ReportRequest(String indication, String classification, List<String> purposes, String note) {}

    void register(Routes r) {
        r.user(POST, "/api/maritime/feed", CONTRIBUTORS, "Feed AIS as NMEA 0183 text (one sentence per line) into this "
                + "party's picture at a classification; bad sentences are counted and named (R33)", (ctx, u) -> {
                    FeedRequest q = Bodies.read(ctx, FeedRequest.class, Maritime.MAX_NMEA_BYTES + LIMIT);
                    Maritime.Ingested in = hotline.maritime().feed(u, VisitHandlers.field("nmea", q.nmea(),
                            Function.identity()), q.source() == null ? "AIS" : q.source(), level(q.classification()));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sentences", in.sentences());
                    m.put("messages", in.messages());
                    m.put("contacts", in.contacts());
                    m.put("refused", in.refused());
                    m.put("errors", in.errors());
                    Bodies.json(ctx, 200, m);
                });
        r.user(POST, "/api/maritime/contacts", CONTRIBUTORS, "Add this party's own sightings (a patrol's report) to its "
                + "picture", (ctx, u) -> {
                    ContactsRequest q = Bodies.read(ctx, ContactsRequest.class, 4 << 20);
                    if (q.contacts() == null) {
                        throw new InvalidInputException("FIELD_MISSING", "field contacts is required");
                    }
                    List<Contact> contacts = new ArrayList<>();
                    for (ContactDto c : q.contacts()) {
                        contacts.add(contact(c));
                    }
                    Bodies.json(ctx, 200, Map.of("taken", hotline.maritime().report(u, contacts)));
                });
        r.user(GET, "/api/maritime/picture", READERS, "The maritime picture this user may read (R9): each party's view, "
                + "the vessels they fuse into, indications of suspect activity and the reports filed "
                + "(?area=south,west,north,east)", (ctx, u) -> {
                    Optional<Maritime.Area> area = area(ctx.queryParam("area"));
                    Maritime.Picture p = hotline.maritime().picture(u, area);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("views", p.views().stream().map(MaritimeHandlers::view).toList());
                    m.put("vessels", p.vessels().stream().map(MaritimeHandlers::vessel).toList());
                    m.put("indications", p.indications().stream().map(MaritimeHandlers::indication).toList());
                    m.put("reports", hotline.maritimeReports().list(u, area).stream().map(MaritimeHandlers::report)
                            .toList());
                    Bodies.json(ctx, 200, m);
                });
        r.user(POST, "/api/maritime/shares", Set.of(Role.DUTY_OFFICER), "Share this party's picture of a classification "
                + "on a hotline line for a purpose (anti-piracy, sanctions enforcement), decided under the line's "
                + "agreement (R33)", (ctx, u) -> {
                    ShareRequest q = Bodies.read(ctx, ShareRequest.class, LIMIT);
                    Bodies.json(ctx, 201, share(hotline.maritimeShares().share(u, VisitHandlers.field("line", q.line(),
                            Function.identity()), VisitHandlers.field("purpose", q.purpose(), Purpose::of),
                            level(q.classification()))));
                });
        r.user(GET, "/api/maritime/shares", Set.of(Role.DUTY_OFFICER, Role.SECURITY_OFFICER), "The shares in force on "
                + "the lines this user is on duty for", (ctx, u) -> Bodies.json(ctx, 200, hotline.maritimeShares()
                .list(u).stream().map(MaritimeHandlers::share).toList()));
        r.user(POST, "/api/maritime/shares/{id}/end", Set.of(Role.DUTY_OFFICER), "End a share", (ctx, u) -> {
            hotline.maritimeShares().end(u, ctx.pathParam("id"));
            Bodies.json(ctx, 200, Map.of("ended", ctx.pathParam("id")));
        });
        r.user(POST, "/api/maritime/reports", CONTRIBUTORS, "File an indication of the picture as a report: an item with "
                + "its evidence, released like any item", (ctx, u) -> {
                    ReportRequest q = Bodies.read(ctx, ReportRequest.class, LIMIT);
                    if (q.purposes() == null || q.purposes().isEmpty()) {
                        throw new InvalidInputException("FIELD_MISSING", "field purposes is required, e.g. "
                                + "[\"DPRK sanctions enforcement\"]");
                    }
                    Set<Purpose> purposes = new java.util.LinkedHashSet<>();
                    for (String p : q.purposes()) {
                        purposes.add(VisitHandlers.field("purposes", p, Purpose::of));
                    }
                    Bodies.json(ctx, 201, ItemJson.view(hotline.maritimeReports().file(u, VisitHandlers.field(
                            "indication", q.indication(), Function.identity()), level(q.classification()), purposes,
                            Optional.ofNullable(q.note())), true));
                });
        r.user(GET, "/api/maritime/reports", READERS, "Reports of suspect activity whose items this user may read "
                + "(?area=south,west,north,east)", (ctx, u) -> Bodies.json(ctx, 200, hotline.maritimeReports()
                .list(u, area(ctx.queryParam("area"))).stream().map(MaritimeHandlers::report).toList()));
        r.user(GET, "/api/maritime/feeds", Set.of(Role.DUTY_OFFICER, Role.SECURITY_OFFICER), "The node's "
                + "live AIS feeds and what each has read", (ctx, u) -> Bodies.json(ctx, 200, hotline.aisFeeds().counts()));
    }

    private static String level(String classification) {
        return VisitHandlers.field("classification", classification, Function.identity());
    }

    static Optional<Maritime.Area> area(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] p = text.split(",");
        if (p.length != 4) {
            throw new InvalidInputException("AREA_INVALID", "area '" + Bodies.shorten(text) + "' is not south,west,"
                    + "north,east in degrees");
        }
        try {
            return Optional.of(new Maritime.Area(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                    Double.parseDouble(p[2]), Double.parseDouble(p[3])));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("AREA_INVALID", "area '" + Bodies.shorten(text) + "' is not four numbers");
        }
    }

    private static Contact contact(ContactDto c) {
        if (c.latitude() == null || c.longitude() == null) {
            throw new InvalidInputException("FIELD_MISSING", "a contact needs latitude and longitude");
        }
        return new Contact(VisitHandlers.field("mmsi", c.mmsi(), Mmsi::parse), Optional.ofNullable(c.imo())
                .map(Imo::parse), Optional.ofNullable(c.name()), Optional.ofNullable(c.callSign()),
                new GeoPoint(c.latitude(), c.longitude(), 0), Optional.ofNullable(c.course()),
                Optional.ofNullable(c.speed()), VisitHandlers.field("source", c.source(), Function.identity()),
                VisitHandlers.field("time", c.time(), t -> io.liaison.core.aircraft.AircraftRequest.utc("time", t)),
                level(c.classification()));
    }

    private static Map<String, Object> contact(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mmsi", c.mmsi().toString());
        c.imo().ifPresent(i -> m.put("imo", i.value()));
        c.name().ifPresent(n -> m.put("name", n));
        c.callSign().ifPresent(n -> m.put("callSign", n));
        c.flag().ifPresent(f -> m.put("flag", f));
        m.put("latitude", c.position().latitude());
        m.put("longitude", c.position().longitude());
        c.course().ifPresent(x -> m.put("course", x));
        c.speed().ifPresent(x -> m.put("speed", x));
        m.put("source", c.source());
        m.put("time", c.time().toString());
        m.put("classification", c.classification());
        return m;
    }

    private static Map<String, Object> view(Maritime.Held h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("party", h.party().code());
        h.line().ifPresent(l -> m.put("line", l));
        m.put("marking", h.marking());
        m.put("contact", contact(h.contact()));
        return m;
    }

    private static Map<String, Object> vessel(VesselFusion.Vessel v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        v.imo().ifPresent(i -> m.put("imo", i.value()));
        m.put("mmsis", v.mmsis().stream().map(Mmsi::toString).toList());
        v.name().ifPresent(n -> m.put("name", n));
        v.callSign().ifPresent(n -> m.put("callSign", n));
        m.put("flags", v.flags());
        m.put("latitude", v.position().latitude());
        m.put("longitude", v.position().longitude());
        v.course().ifPresent(x -> m.put("course", x));
        v.speed().ifPresent(x -> m.put("speed", x));
        m.put("time", v.time().toString());
        m.put("contributions", v.contributions().stream().map(c -> Map.of("party", c.party().code(), "mmsi",
                c.mmsi().toString(), "source", c.source(), "time", c.time().toString(), "classification",
                c.classification())).toList());
        return m;
    }

    private static Map<String, Object> indication(Indications.Indication i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", i.key());
        m.put("kind", i.kind().name());
        m.put("vessels", i.vessels());
        m.put("latitude", i.position().latitude());
        m.put("longitude", i.position().longitude());
        m.put("time", i.time().toString());
        m.put("summary", i.summary());
        return m;
    }

    private static Map<String, Object> report(MaritimeReports.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", r.item());
        m.put("kind", r.kind().name());
        m.put("vessels", r.vessels());
        m.put("latitude", r.position().latitude());
        m.put("longitude", r.position().longitude());
        m.put("observed", r.observed().toString());
        m.put("origin", r.origin().code());
        return m;
    }

    private static Map<String, Object> share(MaritimeShares.Share s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("line", s.line());
        m.put("purpose", s.purpose().name());
        m.put("classification", s.classification());
        m.put("createdBy", s.createdBy());
        m.put("createdAt", s.createdAt().toString());
        m.put("sent", s.sent());
        m.put("refused", s.refused());
        return m;
    }
}
