package io.liaison.hotline;

import io.liaison.core.decision.Decision;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.HotlineRules;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.maritime.Contact;
import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Indications;
import io.liaison.core.maritime.Mmsi;
import io.liaison.core.maritime.VesselFusion;
import io.liaison.core.maritime.ais.AisMessage;
import io.liaison.core.maritime.ais.AisStream;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.release.Receipt;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The maritime picture for anti-piracy and sanctions enforcement (R33).
 *
 * <ul>
 *   <li>This party's contacts come from AIS (a file, or a UDP or TCP feed on the node: {@link AisFeeds}) and from
 *       its own reports (a patrol's sighting). AIS static data (name, call sign, IMO number) is kept per MMSI and
 *       joined to each position. Each contact carries the classification of the picture it belongs to.
 *   <li>{@link MaritimeShares} sends them on hotline lines under the line's agreement for a stated purpose; the
 *       other end decides the same rule, marks each contact in its own policy and keeps it as the sender's view.
 *   <li>{@link #picture} fuses every view a user may read into one track per vessel ({@link VesselFusion}), shows
 *       the indications of suspect activity ({@link Indications}) and the reports filed as items
 *       ({@link MaritimeReports}) that the user may read.
 * </ul>
 *
 * Contacts are live state held in memory, like missile tracks; a contact not updated for {@link #ENDED} leaves the
 * picture. Reading follows R9: a view is shown to a user whose clearance dominates its label and who has an
 * official need (a duty officer of the line it came on; for this party's own contacts, a duty officer, an analyst
 * or a security officer).
 */
public final class Maritime {
    /** A contact not updated for this long leaves the picture. */
    static final Duration ENDED = Duration.ofHours(6);
    /** At most this many contacts in one request or envelope. */
    public static final int MAX_BATCH = 5_000;
    /** At most this many vessels' static data are kept; a feed beyond it still gives positions. */
    static final int MAX_STATIC = 200_000;
    static final int MAX_IDENTITIES_PER_IMO = 16;
    /** At most this many contacts (party, line, MMSI) are held; beyond it a new vessel is counted and skipped. */
    static final int MAX_VIEWS = 500_000;
    /** At most this many IMO numbers' identities are kept; an IMO number not seen for {@link #IDENTITIES_KEPT} goes. */
    static final int MAX_IMOS = 200_000;
    static final Duration IDENTITIES_KEPT = Duration.ofDays(30);
    /** A contact dated further ahead than this is refused: clocks differ, not by more. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /** How often what has ended is swept out, besides every picture. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    /** The NMEA text one request may carry. */
    public static final int MAX_NMEA_BYTES = 4 << 20;

    private final Lines lines;
    private final HotlineAccess access;
    private final Clock clock;
    private final Map<Key, Held> views = new ConcurrentHashMap<>();
    /** AIS static data per classification and MMSI: joined only to positions fed at the same level. */
    private final Map<StaticKey, AisMessage.Static> statics = new ConcurrentHashMap<>();
    private volatile long lastSweep;
    private final Map<Imo, List<Sighting>> identities = new ConcurrentHashMap<>();
    private final List<Consumer<List<Held>>> listeners = new CopyOnWriteArrayList<>();
    /** Decoded positions whose values make no contact (out of range); counted, skipped. */
    private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();

    /** A party's contact of one MMSI, as it came (on a line, or this party's own). */
    record Key(Party party, String line, Mmsi mmsi) {}

    private record StaticKey(String classification, Mmsi mmsi) {}

    /**
     * A party's latest contact of a vessel: the line it came on (empty: this party's own), the purpose it was shared
     * for (empty: this party's own), the contact in this node's policy, and its marking ({@code JPN / 군사Ⅲ급비밀}).
     */
    public record Held(Party party, Optional<String> line, Optional<Purpose> purpose, Contact contact, String marking) {
        Key key() {
            return new Key(party, line.orElse(""), contact.mmsi());
        }
    }

    /** An identity seen for an IMO number, where it came from, for what purpose, and at what classification. */
    private record Sighting(Indications.Identity identity, Optional<String> line, Optional<Purpose> purpose,
            String classification) {}

    Maritime(Lines lines, HotlineAccess access, Clock clock) {
        this.lines = lines;
        this.access = access;
        this.clock = clock;
    }

    /** Calls {@code listener} with each batch of contacts taken into the picture (own and received). */
    public void onTaken(Consumer<List<Held>> listener) {
        listeners.add(listener);
    }

    /** What a feed gave: sentences read, messages decoded, contacts taken, and the sentences refused with why. */
    public record Ingested(int sentences, int messages, int contacts, int refused, List<String> errors) {
        public Ingested {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Reads NMEA text (one sentence per line) sent by {@code user} as this party's AIS contacts of
     * {@code classification}, from {@code source}. A bad sentence is counted and named (the first 20), the rest taken.
     */
    public Ingested feed(User user, String nmea, String source, String classification) {
        requireContributor(user, classification);
        if (nmea.length() > MAX_NMEA_BYTES) {
            throw new InvalidInputException("NMEA_TOO_LARGE", "send at most " + MAX_NMEA_BYTES + " characters of NMEA "
                    + "at once, not " + nmea.length());
        }
        requireSource(source);
        AisStream stream = new AisStream();
        List<AisMessage> messages = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int sentences = 0;
        int refused = 0;
        for (String line : nmea.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            sentences++;
            try {
                messages.addAll(stream.read(line));
            } catch (InvalidInputException e) {
                refused++;
                if (errors.size() < 20) {
                    errors.add("line " + sentences + ": " + e.getMessage());
                }
            }
        }
        int taken = accept(messages, source, classification);
        return new Ingested(sentences, messages.size(), taken, refused, errors);
    }

    /**
     * Takes decoded AIS messages as this party's contacts of {@code classification}, seen now by {@code source}:
     * static data is kept per MMSI, each located position becomes a contact. Returns the contacts taken.
     */
    public int accept(List<AisMessage> messages, String source, String classification) {
        Instant now = clock.instant();
        List<Contact> contacts = new ArrayList<>();
        for (AisMessage m : messages) {
            switch (m) {
                case AisMessage.Static s -> mergeStatic(classification, s);
                case AisMessage.Position p when p.located() -> {
                    Optional<AisMessage.Static> s = Optional.ofNullable(statics.get(new StaticKey(classification,
                            p.mmsi())));
                    try {
                        contacts.add(new Contact(p.mmsi(), s.flatMap(AisMessage.Static::imo), s.flatMap(x ->
                                clean(x.name())), s.flatMap(x -> clean(x.callSign())), new GeoPoint(p.latitude().get(),
                                p.longitude().get(), 0), p.course().filter(v -> v < 360), p.speed().filter(v -> v <= 102.2),
                                source, now, classification));
                    } catch (InvalidInputException e) {
                        rejected.incrementAndGet();
                    }
                }
                default -> { }
            }
        }
        return take(contacts);
    }

    /** AIS text may hold characters a contact's name does not allow; such a name is dropped, not the contact. */
    private static Optional<String> clean(Optional<String> s) {
        return s.filter(v -> v.matches("[\\p{L}\\p{N} .,_:/()'&+-]{1,64}"));
    }

    private void mergeStatic(String classification, AisMessage.Static s) {
        StaticKey key = new StaticKey(classification, s.mmsi());
        if (statics.size() >= MAX_STATIC && !statics.containsKey(key)) {
            rejected.incrementAndGet();
            return;
        }
        statics.merge(key, s, (old, n) -> new AisMessage.Static(n.type(), n.mmsi(), n.imo().or(old::imo),
                n.callSign().or(old::callSign), n.name().or(old::name), n.shipType().or(old::shipType),
                n.destination().or(old::destination), n.draught().or(old::draught)));
    }

    /**
     * This party's own reports of contacts (a patrol's sighting), sent by {@code user}: each contact's
     * classification must be a level of this node's policy that the user may read.
     */
    public int report(User user, List<Contact> contacts) {
        if (contacts.isEmpty() || contacts.size() > MAX_BATCH) {
            throw new InvalidInputException("CONTACTS_INVALID", "send 1 to " + MAX_BATCH + " contacts at once, not "
                    + contacts.size());
        }
        contacts.stream().map(Contact::classification).distinct().forEach(c -> requireContributor(user, c));
        Instant latest = clock.instant().plus(MAX_SKEW);
        for (Contact c : contacts) {
            if (c.time().isAfter(latest)) {
                throw new InvalidInputException("CONTACT_TIME_INVALID", "contact of MMSI " + c.mmsi() + " is dated "
                        + c.time() + ", more than " + MAX_SKEW.toMinutes() + " min ahead of this node's clock");
            }
        }
        return take(contacts);
    }

    /** Keeps this party's contacts and passes them to listeners (and so to the shares). */
    private int take(List<Contact> contacts) {
        List<Held> taken = new ArrayList<>();
        for (Contact c : contacts) {
            Held h = new Held(access.self(), Optional.empty(), Optional.empty(), c, access.self().code() + " / "
                    + c.classification());
            if (keep(h)) {
                taken.add(h);
            }
        }
        offer(taken);
        return taken.size();
    }

    private boolean keep(Held h) {
        sweepSoon();
        boolean[] applied = {false};
        boolean full = views.size() >= MAX_VIEWS;
        views.compute(h.key(), (k, old) -> {
            if (old == null && full) {
                rejected.incrementAndGet();
                return null;
            }
            if (old == null || h.contact().time().isAfter(old.contact().time())) {
                applied[0] = true;
                return h;
            }
            return old;
        });
        if (applied[0] && h.contact().imo().isPresent()
                && (identities.size() < MAX_IMOS || identities.containsKey(h.contact().imo().get()))) {
            Contact c = h.contact();
            identities.compute(c.imo().get(), (imo, seen) -> {
                List<Sighting> list = seen == null ? new ArrayList<>() : new ArrayList<>(seen);
                boolean known = list.stream().anyMatch(s -> s.identity().mmsi().equals(c.mmsi())
                        && s.line().equals(h.line()) && s.identity().party().equals(h.party())
                        && s.classification().equals(c.classification()) && s.purpose().equals(h.purpose()));
                if (!known) {
                    list.add(new Sighting(new Indications.Identity(c.mmsi(), c.name(), c.time(), h.party()), h.line(),
                            h.purpose(), c.classification()));
                    if (list.size() > MAX_IDENTITIES_PER_IMO) {
                        list.removeFirst();
                    }
                }
                return List.copyOf(list);
            });
        }
        return applied[0];
    }

    /** Sweeps out ended contacts and long-unseen identities, at most every {@link #SWEEP_EVERY}. */
    private void sweepSoon() {
        long now = clock.millis();
        if (now - lastSweep < SWEEP_EVERY.toMillis()) {
            return;
        }
        lastSweep = now;
        Instant ended = clock.instant().minus(ENDED);
        views.values().removeIf(h -> h.contact().time().isBefore(ended));
        Instant forgotten = clock.instant().minus(IDENTITIES_KEPT);
        identities.values().removeIf(list -> list.stream().allMatch(x -> x.identity().firstSeen().isBefore(forgotten)));
    }

    private void offer(List<Held> taken) {
        if (!taken.isEmpty()) {
            for (Consumer<List<Held>> l : listeners) {
                l.accept(taken);
            }
        }
    }

    /** Contacts shared with this party on a line (R33): decided like the sender decided, marked in this node's policy. */
    Receipt onContacts(VerifiedEnvelope v) {
        Wire.Contacts batch;
        try {
            batch = Wire.Contacts.parse(v.body());
        } catch (InvalidInputException e) {
            return Receipt.refused(v.id(), "BODY_INVALID", "R33", e.getMessage());
        }
        Optional<Line> line = lines.all().stream().filter(l -> l.id().equals(batch.line()) && l.peer().equals(v.from()))
                .findFirst();
        if (line.isEmpty() || batch.contacts() == null || batch.contacts().size() > MAX_BATCH) {
            return Receipt.refused(v.id(), "LINE_UNKNOWN", "R33", "line " + batch.line() + " is not a line of "
                    + access.self() + " with " + v.from() + ", or the batch is over " + MAX_BATCH);
        }
        Purpose purpose;
        try {
            purpose = Purpose.of(batch.purpose());
        } catch (IllegalArgumentException e) {
            return Receipt.refused(v.id(), "PURPOSE_INVALID", "R33", e.getMessage());
        }
        HotlineRules rules = access.rules();
        Instant now = clock.instant();
        Optional<SecurityPolicy> theirs = access.policyOf(line.get(), v.from());
        Map<String, Object> decided = new HashMap<>();
        List<Held> checked = new ArrayList<>();
        Instant latest = now.plus(MAX_SKEW);
        for (Wire.Contact w : batch.contacts()) {
            Contact c;
            try {
                c = w.contact();
            } catch (InvalidInputException | IllegalArgumentException | NullPointerException e) {
                return Receipt.refused(v.id(), "CONTACT_INVALID", "R33", e.getMessage());
            }
            if (c.time().isAfter(latest)) {
                return Receipt.refused(v.id(), "CONTACT_TIME_INVALID", "R33", "contact of MMSI " + c.mmsi()
                        + " is dated " + c.time() + ", more than " + MAX_SKEW.toMinutes() + " min ahead of "
                        + access.self() + "'s clock");
            }
            Object m = decided.computeIfAbsent(c.classification(), level -> {
                if (theirs.isEmpty() || theirs.get().classification(level).isEmpty()) {
                    return Decision.deny(io.liaison.core.decision.ReasonCode.MARKING_INCOMPLETE, "classification '"
                            + level + "' is not a level of " + v.from() + "'s policy", Map.of("classification", level));
                }
                SecurityLabel label = HotlineAccess.label(theirs.get(), level, v.from(), Instant.EPOCH);
                Decision d = rules.maritime(line.get().agreement(), v.from(), access.self(), label, purpose, now);
                return d.allowed() ? rules.mark(line.get().agreement(), v.from(), access.self(), label, now) : d;
            });
            if (m instanceof Decision d) {
                return Receipt.refused(v.id(), d.code().name(), d.rule(), d.message());
            }
            HotlineRules.Marking mark = (HotlineRules.Marking) m;
            checked.add(new Held(v.from(), Optional.of(line.get().id()), Optional.of(purpose),
                    c.classified(mark.label().classification()), mark.marking()));
        }
        List<Held> taken = new ArrayList<>();
        for (Held h : checked) {
            if (keep(h)) {
                taken.add(h);
            }
        }
        offer(taken);
        return new Receipt(v.id().toString(), Receipt.STORED, null, null, "MARITIME_RECEIVED", "R33", taken.size()
                + " contact(s) taken for " + purpose, Map.of("accepted", Integer.toString(taken.size()), "purpose",
                purpose.name()));
    }

    /** An area: south-west and north-east corners (degrees); empty for the whole picture. */
    public record Area(double south, double west, double north, double east) {
        public Area {
            if (!(south >= -90 && north <= 90 && south <= north && west >= -180 && east <= 180 && west <= east)) {
                throw new InvalidInputException("AREA_INVALID", "area " + south + "," + west + "," + north + "," + east
                        + " is not south,west,north,east with south ≤ north and west ≤ east in degrees");
            }
        }

        boolean contains(GeoPoint p) {
            return p.latitude() >= south && p.latitude() <= north && p.longitude() >= west && p.longitude() <= east;
        }
    }

    /** What a user sees: every view it may read, the vessels they fuse into, and the indications among them. */
    public record Picture(List<Held> views, List<VesselFusion.Vessel> vessels, List<Indications.Indication> indications) {}

    /** The picture {@code user} may read (R9), within {@code area}. */
    public Picture picture(User user, Optional<Area> area) {
        return picture(user, area, false);
    }

    /**
     * As above; with {@code ownOnly}, only this party's own contacts: what a report may rest on, since another
     * party's contacts go no further without its consent (R6).
     */
    Picture picture(User user, Optional<Area> area, boolean ownOnly) {
        if (!mayViewAny(user)) {
            throw new ForbiddenException("NO_OFFICIAL_NEED", "user " + user.name() + " has no official need for the "
                    + "maritime picture: a duty officer, an analyst or a security officer (R9, R33)");
        }
        Instant now = clock.instant();
        Instant ended = now.minus(ENDED);
        views.values().removeIf(h -> h.contact().time().isBefore(ended));
        Map<String, Boolean> readable = new HashMap<>();
        List<Held> visible = views.values().stream()
                .filter(h -> !ownOnly || h.line().isEmpty())
                .filter(h -> readable.computeIfAbsent(h.line().orElse("") + "/" + h.purpose().map(Purpose::name)
                        .orElse("") + "/" + h.contact().classification(), k -> mayView(user, h.line(), h.purpose(),
                        h.contact().classification())))
                .filter(h -> area.map(a -> a.contains(h.contact().position())).orElse(true))
                .sorted(Comparator.comparing((Held h) -> h.party().code()).thenComparing(h -> h.contact().mmsi()))
                .toList();
        List<VesselFusion.Vessel> vessels = VesselFusion.fuse(visible.stream().map(h -> new VesselFusion.View(h.party(),
                h.contact())).toList());
        Map<Imo, List<Indications.Identity>> seen = new HashMap<>();
        java.util.Set<Imo> shown = new java.util.HashSet<>();
        vessels.forEach(v -> v.imo().ifPresent(shown::add));
        identities.forEach((imo, list) -> {
            if (!shown.contains(imo)) {
                return;
            }
            List<Indications.Identity> ok = list.stream().filter(s -> !ownOnly || s.line().isEmpty())
                    .filter(s -> readable.computeIfAbsent(s.line().orElse("") + "/" + s.purpose().map(Purpose::name)
                            .orElse("") + "/" + s.classification(), k -> mayView(user, s.line(), s.purpose(),
                            s.classification()))).map(Sighting::identity).toList();
            if (!ok.isEmpty()) {
                seen.put(imo, ok);
            }
        });
        return new Picture(visible, vessels, Indications.detect(vessels, seen, now));
    }

    /** Whether {@code user} has an official need for some part of the picture. */
    boolean mayViewAny(User user) {
        return user.facilityActive() && (user.has(Role.SECURITY_OFFICER) || user.has(Role.ANALYST)
                || user.has(Role.DUTY_OFFICER));
    }

    /**
     * Whether {@code user} may read a contact of {@code classification} that came on {@code line} for
     * {@code purpose} (both empty: this party's own): a received one needs an official need on the line and the duty
     * for the purpose it was shared for (R7, R9), whatever the user's role.
     */
    boolean mayView(User user, Optional<String> line, Optional<Purpose> purpose, String classification) {
        if (line.isPresent()) {
            return purpose.map(p -> user.duties().contains(p)).orElse(false)
                    && lines.find(line.get()).map(l -> access.mayRead(user, l, classification)).orElse(false);
        }
        SecurityPolicy policy = access.policy();
        if (policy.classification(classification).isEmpty() || !mayViewAny(user)) {
            return false;
        }
        return access.rules().mayRead(user.reader(), true, HotlineAccess.label(policy, classification, access.self(),
                Instant.EPOCH)).allowed();
    }

    /** The sender of this party's contacts must be able to read their classification, a level of this node's policy. */
    private void requireContributor(User user, String classification) {
        access.ownLabel(classification, Instant.EPOCH);
        if (!user.facilityActive() || !(user.has(Role.DUTY_OFFICER) || user.has(Role.ANALYST))) {
            throw new ForbiddenException("NOT_A_CONTRIBUTOR", "user " + user.name() + " is neither a duty officer nor an "
                    + "analyst; only they add contacts to the maritime picture (R33)");
        }
        if (!mayView(user, Optional.empty(), Optional.empty(), classification)) {
            throw new ForbiddenException("CLEARANCE_BELOW_LEVEL", "user " + user.name() + " may not read contacts of "
                    + classification + ", so cannot add them (R9)");
        }
    }

    /** Refuses {@code classification} unless it is a level of this node's policy. */
    public void requireLevel(String classification) {
        access.ownLabel(classification, Instant.EPOCH);
    }

    /** The lowest level of this node's policy: what a feed of open AIS data is held at unless configured. */
    public String lowestLevel() {
        return access.policy().lowest().name();
    }

    static void requireSource(String source) {
        if (source == null || !source.matches("[\\p{L}\\p{N} .,_:/()'&+-]{1,64}")) {
            throw new InvalidInputException("SOURCE_INVALID", "source '" + source + "' is not 1 to 64 letters, digits, "
                    + "spaces or . , _ : / ( ) ' & + -");
        }
    }

    /** This party's own contacts, newest per MMSI: what a new share sends first. */
    List<Contact> own() {
        Instant ended = clock.instant().minus(ENDED);
        return views.values().stream().filter(h -> h.line().isEmpty() && !h.contact().time().isBefore(ended))
                .map(Held::contact).toList();
    }

    /** How many views the picture holds (all parties, all lines). */
    public int size() {
        return views.size();
    }
}
