package io.liaison.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.maritime.Indications;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.items.Attachment;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.Items;
import io.liaison.node.items.NewItem;
import io.liaison.node.accounts.User;
import io.liaison.node.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports of suspect activity at sea (R33) are items: an analyst or duty officer turns an indication of the picture
 * into an item labelled and with purposes like any other, at no level below its sources (R4), resting only on this
 * party's own observations (another party's shared contacts go no further without its consent, R6), its evidence (each observation: vessel, MMSI, flag,
 * position, speed, time, source) in the text and as an attached {@code maritime-report.json}; it is then released
 * like any item. This node keeps which items report what (its own, and those received from peers, recognised by
 * the attachment), so that the picture shows each report, only to a user who may read the item; the row goes with
 * the item when it is destroyed, returned or recalled (R13).
 */
public final class MaritimeReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaritimeReports.class);
    public static final String FILE = "maritime-report.json";
    public static final String MEDIA_TYPE = "application/vnd.liaison.maritime-report+json";
    /** The newest reports a list shows, counted among those the reader may read (R10). */
    static final int LIMIT = 1_000;

    private final Maritime maritime;
    private final Items items;
    private final HotlineAccess access;
    private final Database database;
    private final Clock clock;
    private final Runnable unlisten;
    private final Runnable unlistenShredded;

    /** A report the picture shows: the item, what kind of activity, which vessels, where and when, from which party. */
    public record Report(String item, Indications.Kind kind, List<String> vessels, GeoPoint position, Instant observed,
            Party origin) {}

    MaritimeReports(Maritime maritime, Items items, HotlineAccess access, Database database, Clock clock) {
        this.maritime = maritime;
        this.items = items;
        this.access = access;
        this.database = database;
        this.clock = clock;
        this.unlisten = items.exchange().onReceived((id, from, attachments) -> attachments.stream()
                .filter(a -> a.name().equals(FILE) && a.mediaType().equals(MEDIA_TYPE)).findFirst()
                .ifPresent(a -> received(id, from, a)));
        this.unlistenShredded = items.destruction().onShredded((tx, id) -> tx.sql().createUpdate("DELETE FROM "
                + "maritime_reports WHERE item_id = :id").bind("id", id).execute());
    }

    /**
     * Files indication {@code key} of {@code user}'s picture as an item of {@code classification} for
     * {@code purposes}; the user must see the indication (R9) and may author items. Returns the item.
     */
    public ItemView file(User user, String key, String classification, Set<Purpose> purposes, Optional<String> note) {
        if (purposes.isEmpty()) {
            throw new InvalidInputException("PURPOSES_MISSING", "a report needs its purposes, e.g. DPRK sanctions "
                    + "enforcement (R1)");
        }
        note.ifPresent(n -> InvalidInputException.requireText("NOTE_INVALID", "note", n, 4000));
        Maritime.Picture ownPicture = maritime.picture(user, Optional.empty(), true);
        Optional<Indications.Indication> own = ownPicture.indications().stream()
                .filter(i -> i.key().equals(key)).findFirst();
        if (own.isEmpty()) {
            Optional<Indications.Indication> seen = maritime.picture(user, Optional.empty()).indications().stream()
                    .filter(i -> i.key().equals(key)).findFirst();
            if (seen.isEmpty()) {
                throw new NotFoundException("INDICATION_NOT_FOUND", "no indication " + key + " is in the maritime "
                        + "picture you may read");
            }
            String others = String.join(", ", seen.get().evidence().stream().map(e -> e.party().code())
                    .filter(c -> !c.equals(access.self().code())).distinct().sorted().toList());
            throw new ForbiddenException("EVIDENCE_FROM_ANOTHER_PARTY", "indication " + key + " rests on contacts "
                    + others + " shared; a report carries only " + access.self() + "'s own observations, since "
                    + "another party's information goes no further without its prior written consent (R6)");
        }
        Indications.Indication found = own.get();
        SecurityLabel label = access.ownLabel(classification, clock.instant());
        // A report is an extract of its evidence: it takes at least the highest level of the contacts it rests on (R4).
        var policy = access.policy();
        Optional<String> highest = ownPicture.vessels().stream().filter(v -> found.vessels().contains(v.id()))
                .flatMap(v -> v.contributions().stream()).map(io.liaison.core.maritime.VesselFusion.Contribution::classification)
                .filter(c -> policy.classification(c).isPresent()).max(java.util.Comparator.comparingInt(policy::rank));
        if (highest.isPresent() && policy.rank(classification) < policy.rank(highest.get())) {
            throw new InvalidInputException("LEVEL_BELOW_SOURCES", "a report of " + key + " rests on contacts held at "
                    + highest.get() + "; it cannot be marked " + classification + ", lower than its sources (R4)");
        }
        String title = title(found);
        StringBuilder text = new StringBuilder(found.summary()).append("\n\nEvidence:\n");
        for (Indications.Evidence e : found.evidence()) {
            text.append(String.format(Locale.ROOT, "- %s MMSI %s (%s%s) at %s, %s, %s, by %s (%s)%n", e.vessel(),
                    e.mmsi(), e.flag(), e.name().map(n -> ", " + n).orElse(""), e.position().written(),
                    e.speed().map(s -> String.format(Locale.ROOT, "%.1f kn", s)).orElse("speed unknown"), e.time(),
                    e.party(), e.source()));
        }
        note.ifPresent(n -> text.append("\nNote: ").append(n).append('\n'));
        ItemView item = items.create(user, new NewItem(title, text.toString(), label, purposes, false,
                List.of(new Attachment(FILE, MEDIA_TYPE, evidence(found))), "registry"));
        record(item.id(), found.kind(), found.vessels(), found.position(), found.time(), access.self());
        return item;
    }

    private static String title(Indications.Indication i) {
        String what = switch (i.kind()) {
            case SHIP_TO_SHIP_TRANSFER -> "Ship-to-ship transfer";
            case AIS_DARK -> "AIS gone dark";
            case FLAG_CHANGE -> "Flag change";
        };
        return what + ": " + String.join(" and ", i.vessels()) + " at " + i.position().written() + ", "
                + i.time().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    private static byte[] evidence(Indications.Indication i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", i.kind().name());
        m.put("vessels", i.vessels());
        m.put("latitude", i.position().latitude());
        m.put("longitude", i.position().longitude());
        m.put("observed", i.time().toString());
        m.put("summary", i.summary());
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Indications.Evidence e : i.evidence()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("vessel", e.vessel());
            x.put("mmsi", e.mmsi().toString());
            x.put("flag", e.flag());
            e.name().ifPresent(n -> x.put("name", n));
            x.put("latitude", e.position().latitude());
            x.put("longitude", e.position().longitude());
            e.speed().ifPresent(s -> x.put("speed", s));
            x.put("time", e.time().toString());
            x.put("party", e.party().code());
            x.put("source", e.source());
            ev.add(x);
        }
        m.put("evidence", ev);
        return Json.compactBytes(m);
    }

    private void received(String id, Party from, Attachment a) {
        try {
            JsonNode j = Json.MAPPER.readTree(a.data());
            List<String> vessels = new ArrayList<>();
            j.path("vessels").forEach(v -> vessels.add(v.asText()));
            record(id, Indications.Kind.valueOf(j.path("kind").asText()), vessels, new GeoPoint(j.path("latitude")
                    .asDouble(), j.path("longitude").asDouble(), 0), Instant.parse(j.path("observed").asText()), from);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("received item {} from {} carries a maritime report that cannot be read: {}", id, from, e.toString());
        }
    }

    private void record(String id, Indications.Kind kind, List<String> vessels, GeoPoint at, Instant observed,
            Party origin) {
        String written = String.join(",", vessels);
        database.useTransaction(tx -> {
            if (tx.sql().createQuery("SELECT COUNT(*) FROM maritime_reports WHERE item_id = :id").bind("id", id)
                    .mapTo(Long.class).one() > 0) {
                return;
            }
            tx.sql().createUpdate("INSERT INTO maritime_reports (item_id, kind, vessels, "
                + "latitude, longitude, observed, origin, recorded) VALUES (:id, :k, :v, :lat, :lon, :o, :p, :r)")
                .bind("id", id).bind("k", kind.name()).bind("v", written.length() > 400 ? written.substring(0, 400)
                        : written).bind("lat", at.latitude()).bind("lon", at.longitude())
                .bind("o", observed.toEpochMilli()).bind("p", origin.code()).bind("r", clock.millis()).execute();
        });
    }

    /** The reports whose items {@code user} may read (R9), newest first, within {@code area}. */
    public List<Report> list(User user, Optional<Maritime.Area> area) {
        List<Report> all = database.jdbi().withHandle(h -> h.createQuery("SELECT item_id, kind, vessels, latitude, "
                + "longitude, observed, origin FROM maritime_reports ORDER BY observed DESC, item_id")
                .map((rs, ctx) -> new Report(rs.getString("item_id"), Indications.Kind.valueOf(rs.getString("kind")),
                        List.of(rs.getString("vessels").split(",")), new GeoPoint(rs.getDouble("latitude"),
                        rs.getDouble("longitude"), 0), Instant.ofEpochMilli(rs.getLong("observed")),
                        Party.of(rs.getString("origin")))).list());
        Map<String, Boolean> readable = items.mayRead(user, all.stream().map(Report::item).toList());
        return all.stream().filter(r -> readable.getOrDefault(r.item(), false))
                .filter(r -> area.map(a -> a.contains(r.position())).orElse(true)).limit(LIMIT).toList();
    }

    /** Stops listening for received items; the node stays open. */
    @Override
    public void close() {
        unlisten.run();
        unlistenShredded.run();
    }
}
