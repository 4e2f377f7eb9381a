package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.LineHealth;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.hotline.TrackFusion;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.party.Party;
import io.liaison.hotline.Alarm;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlineEvent;
import io.liaison.hotline.HotlineMessage;
import io.liaison.hotline.Line;
import io.liaison.hotline.Tracks;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hotline (R23-R27): lines, messages by precedence with their delivery and acknowledgement, alarms, line
 * health, live tracks, and a Server-Sent Events stream of all of it for a duty officer's client.
 */
final class HotlineHandlers {
    private static final Set<Role> ON_DUTY = Set.of(Role.DUTY_OFFICER, Role.SECURITY_OFFICER);
    /** Events a slow SSE client may have waiting before its stream is closed (it reconnects and reads the queue). */
    private static final int SSE_BACKLOG = 10_000;
    private final Hotline hotline;
    private final io.liaison.node.Node node;
    private final long limit;

    HotlineHandlers(Hotline hotline, io.liaison.node.Node node, long limit) {
        this.node = node;
        this.hotline = hotline;
        this.limit = limit;
    }

    /** A new line. */
    record LineRequest(String id, String desk, String peer, String agreement, List<String> dutyOfficers,
            List<String> peerDutyOfficers, String escalationContact, String objectives) {}

    /** A message to send; files as in items (base64 data). */
    record SendRequest(String precedence, String classification, String text, String replyTo,
            List<ItemJson.AttachmentDto> files) {}

    record ClearRequest(String note) {}

    record TracksRequest(List<TrackUpdate> updates) {}

    void register(Routes r) {
        r.user(GET, "/api/hotline/lines", Set.of(Role.DUTY_OFFICER, Role.SECURITY_OFFICER, Role.ADMIN),
                "Hotline lines: the desk at each end, duty officers, agreement and acknowledgement objectives", this::lines);
        r.user(POST, "/api/hotline/lines", Set.of(Role.ADMIN), "Add a hotline line to a peer (R23-R27)", this::addLine);
        r.user(GET, "/api/hotline/status", ON_DUTY, "Each line's health, queues by precedence, latency p50/p99 from "
                + "sending to delivery and to acknowledgement (R26), and open alarms", this::status);
        r.user(GET, "/api/hotline/lines/{line}/messages", ON_DUTY, "Messages of a line the caller may read (R9): "
                + "?unacknowledged=true for the received ones awaiting acknowledgement, highest precedence first", this::messages);
        r.user(POST, "/api/hotline/lines/{line}/messages", Set.of(Role.DUTY_OFFICER), "Send a message with a precedence "
                + "and a classification; classified traffic needs the line's agreement (R23, R24, R27)", this::send);
        r.user(GET, "/api/hotline/messages/{id}", ON_DUTY, "A message, with its delivery and acknowledgement", this::message);
        r.user(GET, "/api/hotline/messages/{id}/files/{name}", ON_DUTY, "A file sent with a message", this::file);
        r.user(POST, "/api/hotline/messages/{id}/ack", Set.of(Role.DUTY_OFFICER),
                "Acknowledge a received message (the line's duty officer only); the sender is told (R25)", this::ack);
        r.user(GET, "/api/hotline/alarms", ON_DUTY, "Open alarms of the caller's lines (?all=true: cleared ones too)",
                this::alarms);
        r.user(POST, "/api/hotline/alarms/{id}/clear", ON_DUTY, "Clear an alarm, with a note", this::clear);
        r.user(GET, "/api/hotline/lines/{line}/health", Set.of(Role.DUTY_OFFICER, Role.SECURITY_OFFICER, Role.ADMIN),
                "The line's health now and its history of UP, DEGRADED and DOWN (R26)", this::health);
        r.user(POST, "/api/hotline/lines/{line}/tracks", Set.of(Role.DUTY_OFFICER), "Share track updates on a line; the "
                + "first update of a track sends a FLASH message", this::publishTracks);
        r.user(GET, "/api/hotline/lines/{line}/tracks", ON_DUTY, "Each party's view of every track on the line and the "
                + "fused tracks, with what each sensor contributed", this::tracks);
        r.user(GET, "/api/hotline/events", ON_DUTY, "Server-Sent Events of the caller's lines (?line= for one): message, "
                + "receipt, alarm, health, and track (?tracks=false to leave them out)", this::events);
    }

    private void lines(Context ctx, User user) {
        Bodies.json(ctx, 200, hotline.lines().all().stream().map(HotlineHandlers::line).toList());
    }

    private void addLine(Context ctx, User user) {
        LineRequest q = Bodies.read(ctx, LineRequest.class, limit);
        if (q.peer() == null) {
            throw new InvalidInputException("LINE_INVALID", "a line needs the peer party at its other end");
        }
        if (q.agreement() == null || q.agreement().isBlank()) {
            throw new InvalidInputException("LINE_INVALID", "line " + q.id() + " needs the agreement that governs its "
                    + "classified traffic (e.g. jpn-kor-gsomia-2016)");
        }
        Line l = hotline.addLine(user, new Line(q.id(), q.desk(), Party.of(q.peer()), AgreementId.of(q.agreement()),
                q.dutyOfficers() == null ? Set.of() : Set.copyOf(q.dutyOfficers()),
                q.peerDutyOfficers() == null ? Set.of() : Set.copyOf(q.peerDutyOfficers()), q.escalationContact(),
                Objectives.parse(q.objectives())));
        Bodies.json(ctx, 201, line(l));
    }

    private void status(Context ctx, User user) {
        Bodies.json(ctx, 200, hotline.status(user).stream().map(HotlineHandlers::status).toList());
    }

    private void messages(Context ctx, User user) {
        boolean unacked = "true".equals(ctx.queryParam("unacknowledged"));
        Bodies.json(ctx, 200, hotline.messages(user, ctx.pathParam("line"), unacked, Bodies.intParam(ctx, "limit", 50),
                Optional.ofNullable(ctx.queryParam("before"))).stream().map(HotlineHandlers::message).toList());
    }

    private void send(Context ctx, User user) {
        SendRequest q = Bodies.read(ctx, SendRequest.class, limit);
        HotlineMessage m = hotline.send(user, new io.liaison.hotline.Messages.Outgoing(ctx.pathParam("line"), Precedence.parse(q.precedence()),
                q.classification(), q.text(), q.files() == null ? List.of() : q.files().stream().map(ItemJson::attachment)
                .toList(), Optional.ofNullable(q.replyTo())));
        Bodies.json(ctx, 202, message(m));
    }

    private void message(Context ctx, User user) {
        Bodies.json(ctx, 200, message(hotline.readable(user, ctx.pathParam("id"))));
    }

    private void file(Context ctx, User user) {
        var f = hotline.file(user, ctx.pathParam("id"), ctx.pathParam("name"));
        ctx.status(200).contentType(f.mediaType()).header("Content-Disposition", "attachment").result(f.data());
    }

    private void ack(Context ctx, User user) {
        Bodies.json(ctx, 200, message(hotline.ack(user, ctx.pathParam("id"))));
    }

    private void alarms(Context ctx, User user) {
        Bodies.json(ctx, 200, hotline.alarms(user, "true".equals(ctx.queryParam("all"))).stream()
                .map(HotlineHandlers::alarm).toList());
    }

    private void clear(Context ctx, User user) {
        ClearRequest q = ctx.contentLength() > 0 ? Bodies.read(ctx, ClearRequest.class, limit) : new ClearRequest("");
        Bodies.json(ctx, 200, alarm(hotline.clear(user, ctx.pathParam("id"), q.note())));
    }

    private void health(Context ctx, User user) {
        String id = ctx.pathParam("line");
        LineHealth h = hotline.health(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("line", id);
        body.put("status", h.status().name());
        body.put("failuresInARow", h.failuresInARow());
        h.lastRoundTrip().ifPresent(d -> body.put("lastRoundTripMs", d.toMillis()));
        h.lastError().ifPresent(e -> body.put("lastError", e));
        body.put("history", hotline.monitor().healthHistory(id, Bodies.intParam(ctx, "limit", 50)).stream().map(c -> Map.of(
                "status", c.status().name(), "at", c.at().toString(), "detail", c.detail())).toList());
        Bodies.json(ctx, 200, body);
    }

    /**
     * Live tracks are state in the memory of the replica that leads (the one linked to peers); a follower answers 503
     * naming the leader, and a load balancer sends track traffic to {@code /api/ready?role=leader}.
     */
    private boolean leaderHere(Context ctx) {
        if (hotline.leads()) {
            return true;
        }
        String leader = io.liaison.node.cluster.Leadership.holder(node.database()).map(h -> "replica " + h.replica()
                + ", epoch " + h.epoch()).orElse("none yet");
        ctx.status(503).header("Retry-After", "1").contentType("application/problem+json").result(Bodies.jsonText(Map.of(
                "type", "urn:liaison:problem:not-leader", "title", "Service Unavailable", "status", 503, "code",
                "NOT_LEADER", "detail", "live tracks are held by the node's leading replica (" + leader + "); replica "
                + node.leadership().replica() + " follows")));
        return false;
    }

    private void publishTracks(Context ctx, User user) {
        if (!leaderHere(ctx)) {
            return;
        }
        TracksRequest q = Bodies.read(ctx, TracksRequest.class, limit);
        int taken = hotline.tracks().publish(user, ctx.pathParam("line"), q.updates() == null ? List.of() : q.updates());
        Bodies.json(ctx, 202, Map.of("taken", taken));
    }

    private void tracks(Context ctx, User user) {
        if (!leaderHere(ctx)) {
            return;
        }
        Tracks.Picture p = hotline.tracks().picture(user, ctx.pathParam("line"));
        Bodies.json(ctx, 200, Map.of("line", p.line(), "views", p.views().stream().map(HotlineHandlers::held).toList(),
                "fused", p.fused().stream().map(HotlineHandlers::fused).toList()));
    }

    /**
     * The SSE stream: events of the lines the caller has an official need on, each checked against the caller's
     * clearance (R9); track updates through a conflating feed, so a slow client gets each track's latest state.
     */
    private void events(Context ctx, User user) throws Exception {
        if (ctx.method() == io.javalin.http.HandlerType.HEAD) {
            ctx.status(200).contentType("text/event-stream");
            return;
        }
        Optional<String> only = Optional.ofNullable(ctx.queryParam("line"));
        only.ifPresent(hotline::line);
        boolean withTracks = !"false".equals(ctx.queryParam("tracks"));
        Set<String> lines = new java.util.HashSet<>(hotline.linesOnDuty(user).stream().filter(l -> only.map(l.id()::equals)
                .orElse(true)).map(Line::id).toList());
        new SseHandler(client -> stream(client, user, lines, withTracks)).handle(ctx);
    }

    private void stream(SseClient client, User user, Set<String> lines, boolean withTracks) {
        BlockingQueue<HotlineEvent> queue = new ArrayBlockingQueue<>(SSE_BACKLOG);
        boolean[] overflow = {false};
        List<Tracks.Feed> feeds = withTracks ? lines.stream().map(l -> hotline.tracks().subscribe(l, h ->
                hotline.mayRead(user, hotline.line(l), h.update().classification()))).toList() : List.of();
        try (AutoCloseable sub = hotline.events().subscribe(e -> {
            if (lines.contains(e.line()) && visible(user, e) && !queue.offer(e)) {
                overflow[0] = true;
            }
        })) {
            client.sendEvent("ready", Map.of("lines", lines.stream().sorted().toList()));
            long lastBeat = System.nanoTime();
            while (!client.terminated() && !overflow[0]) {
                HotlineEvent e = queue.poll(feeds.isEmpty() ? 1_000 : 20, TimeUnit.MILLISECONDS);
                while (e != null) {
                    client.sendEvent(e.name(), Bodies.jsonText(event(e)));
                    e = queue.poll();
                }
                for (Tracks.Feed f : feeds) {
                    for (Tracks.Held h : f.take(0)) {
                        client.sendEvent("track", Bodies.jsonText(held(h)));
                    }
                }
                if (System.nanoTime() - lastBeat > 15_000_000_000L) {
                    client.sendComment("keep-alive");
                    lastBeat = System.nanoTime();
                }
            }
            if (overflow[0]) {
                client.sendEvent("overflow", "{\"detail\":\"too many events waiting; reconnect and read the queue\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the client went away
        } finally {
            feeds.forEach(Tracks.Feed::close);
        }
    }

    private boolean visible(User user, HotlineEvent e) {
        return switch (e) {
            case HotlineEvent.MessageEvent m -> hotline.mayRead(user, hotline.line(m.line()), m.message().classification());
            case HotlineEvent.ReceiptEvent r -> hotline.mayRead(user, hotline.line(r.line()), r.classification());
            case HotlineEvent.AlarmEvent a -> hotline.escalation().visible(user, a.alarm());
            case HotlineEvent.HealthEvent h -> true;
        };
    }

    // ---- JSON ----

    static Map<String, Object> event(HotlineEvent e) {
        return switch (e) {
            case HotlineEvent.MessageEvent m -> message(m.message());
            case HotlineEvent.ReceiptEvent r -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("line", r.line());
                b.put("message", r.message());
                b.put("kind", r.kind());
                b.put("by", r.by());
                b.put("at", r.at().toString());
                b.put("latencyMs", r.latencyMs());
                b.put("reason", r.reason());
                yield b;
            }
            case HotlineEvent.AlarmEvent a -> alarm(a.alarm());
            case HotlineEvent.HealthEvent h -> Map.of("line", h.line(), "status", h.status().name(), "at", h.at().toString(),
                    "detail", h.detail());
        };
    }

    static Map<String, Object> line(Line l) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", l.id());
        b.put("desk", l.desk());
        b.put("peer", l.peer().code());
        b.put("agreement", l.agreement());
        b.put("dutyOfficers", l.dutyOfficers());
        b.put("peerDutyOfficers", l.peerDutyOfficers());
        b.put("escalationContact", l.escalationContact());
        b.put("objectives", l.objectives().written());
        return b;
    }

    static Map<String, Object> message(HotlineMessage m) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", m.id());
        b.put("line", m.line());
        b.put("direction", m.direction());
        b.put("state", m.state());
        b.put("precedence", m.precedence().name());
        b.put("from", m.from().code());
        b.put("sender", m.sender());
        b.put("classification", m.classification());
        b.put("marking", m.marking());
        b.put("text", m.text());
        b.put("files", m.files());
        m.replyTo().ifPresent(x -> b.put("replyTo", x));
        b.put("sentAt", m.sentAt().toString());
        m.deliveredAt().ifPresent(x -> b.put("deliveredAt", x.toString()));
        m.acknowledgedAt().ifPresent(x -> b.put("acknowledgedAt", x.toString()));
        m.acknowledgedBy().ifPresent(x -> b.put("acknowledgedBy", x));
        m.escalatedAt().ifPresent(x -> b.put("escalatedAt", x.toString()));
        m.lastError().ifPresent(x -> b.put("lastError", x));
        return b;
    }

    static Map<String, Object> alarm(Alarm a) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", a.id());
        b.put("line", a.line());
        b.put("kind", a.kind());
        a.message().ifPresent(x -> b.put("message", x));
        a.precedence().ifPresent(x -> b.put("precedence", x.name()));
        b.put("recipients", a.recipients());
        b.put("detail", a.detail());
        b.put("raisedAt", a.raisedAt().toString());
        a.clearedAt().ifPresent(x -> b.put("clearedAt", x.toString()));
        a.clearedBy().ifPresent(x -> b.put("clearedBy", x));
        return b;
    }

    static Map<String, Object> status(Hotline.LineStatus s) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("line", line(s.line()));
        b.put("health", s.health().status().name());
        s.health().lastError().ifPresent(e -> b.put("lastError", e));
        b.put("queued", names(s.queued()));
        b.put("unacknowledged", names(s.unacknowledged()));
        Map<String, Object> latency = new LinkedHashMap<>();
        s.latency().forEach((p, l) -> latency.put(p.name(), Map.of("delivery", percentiles(l.delivery()),
                "acknowledgement", percentiles(l.acknowledgement()))));
        b.put("latencyMs", latency);
        b.put("openAlarms", s.openAlarms());
        return b;
    }

    private static Map<String, Object> percentiles(io.liaison.hotline.Messages.Percentiles p) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("samples", p.samples());
        p.p50().ifPresent(x -> b.put("p50", x));
        p.p99().ifPresent(x -> b.put("p99", x));
        return b;
    }

    private static Map<String, Integer> names(Map<Precedence, Integer> m) {
        Map<String, Integer> b = new LinkedHashMap<>();
        m.forEach((p, n) -> b.put(p.name(), n));
        return b;
    }

    static Map<String, Object> held(Tracks.Held h) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("line", h.line());
        b.put("party", h.party().code());
        b.put("marking", h.marking());
        b.put("update", h.update());
        return b;
    }

    static Map<String, Object> fused(TrackFusion.Fused f) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", f.id());
        b.put("time", f.time().toString());
        b.put("position", f.position());
        b.put("velocity", f.velocity());
        b.put("launchPoint", f.launchPoint());
        b.put("impactPoint", f.impactPoint());
        b.put("impactUncertainty", f.impactUncertainty());
        b.put("contributions", f.contributions().stream().map(c -> Map.of("party", c.party().code(), "track", c.trackId(),
                "sensor", c.sensor(), "quality", c.quality(), "time", c.time().toString(), "positionWeight",
                c.positionWeight(), "impactWeight", c.impactWeight())).toList());
        return b;
    }
}
