package io.liaison.server.console;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.liaison.core.error.NotFoundException;
import io.liaison.hotline.Direction;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlineEvent;
import io.liaison.hotline.HotlineMessage;
import io.liaison.hotline.Line;
import io.liaison.node.accounts.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hotline desk: the lines a duty officer is on, and each line's messages, newest first, coloured by
 * precedence, live over Server-Sent Events (htmx swaps each new message in at the top, and an acknowledged one in
 * place); an incoming message is acknowledged with one click. What a user may not read never reaches the page or
 * the stream (R9).
 */
public final class Desk {
    private static final int BACKLOG = 1_000;
    /** How many messages a desk page shows; older ones are a page further. */
    static final int SHOWN = 50;
    private final Frame frame;
    private final Optional<Hotline> hotline;

    Desk(Frame frame, Optional<Hotline> hotline) {
        this.frame = frame;
        this.hotline = hotline;
    }

    void register() {
        frame.get("/hotline", Set.of(), this::lines);
        frame.get("/hotline/{line}", Set.of(), this::desk);
        frame.get("/hotline/{line}/stream", Set.of(), this::stream);
        frame.post("/hotline/messages/{id}/ack", Set.of(), this::ack);
        frame.post("/hotline/alarms/{id}/clear", Set.of(), this::clear);
    }

    Hotline hotline() {
        return hotline.orElseThrow(() -> new NotFoundException("HOTLINE_OFF", "this node runs no hotline"));
    }

    void lines(Context ctx, User user, String token) {
        frame.render(ctx, 200, "hotline.jte", Map.of("page", frame.page("Hotline", user, frame.lowest(), token),
                "lines", hotline().linesOnDuty(user)));
    }

    /** A line the user is on duty for; any other answers like a missing one. */
    Line line(User user, String id) {
        return hotline().linesOnDuty(user).stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow(() ->
                new NotFoundException("LINE_NOT_FOUND", "no line " + id + " that you are on duty for"));
    }

    /**
     * A line's desk: its newest {@value #SHOWN} messages, live; with {@code ?before=ID}, the {@value #SHOWN} before that
     * message, a page that stays as it is.
     */
    void desk(Context ctx, User user, String token) {
        Line line = line(user, ctx.pathParam("line"));
        Optional<String> before = Optional.ofNullable(ctx.queryParam("before")).filter(b -> !b.isBlank());
        List<HotlineMessage> messages = hotline().messages(user, line.id(), false, SHOWN, before);
        List<DeskMessage> shown = messages.stream().map(m -> shown(user, line, m, false)).toList();
        String older = messages.size() == SHOWN ? "/hotline/" + line.id() + "?before=" + messages.getLast().id() : "";
        List<String> levels = messages.stream().map(HotlineMessage::classification).toList();
        List<DeskAlarm> alarms = hotline().alarms(user, false).stream().filter(a -> a.line().equals(line.id()))
                .map(Desk::shown).toList();
        frame.render(ctx, 200, "desk.jte", Map.of("page", frame.page("Line " + line.id(), user,
                frame.highest(levels), token).lively(), "line", line.id(), "peer", line.peer().code(),
                "messages", shown, "alarms", alarms, "health", health(user, line), "live", before.isEmpty(),
                "older", older));
    }

    private static DeskMessage shown(User user, Line line, HotlineMessage m, boolean fresh) {
        boolean ackable = m.direction() == Direction.IN && m.acknowledgedAt().isEmpty()
                && line.dutyOfficers().contains(user.name());
        String state = m.acknowledgedAt().isPresent() ? "ACKNOWLEDGED by " + m.acknowledgedBy().orElse("?")
                : m.direction() == Direction.IN ? "RECEIVED" : m.state().name();
        return new DeskMessage(m.id(), m.precedence().name(), m.marking(), m.from().code() + "/" + m.sender(), m.text(),
                state, ackable, fresh);
    }

    private static DeskAlarm shown(io.liaison.hotline.Alarm a) {
        return new DeskAlarm(a.id(), a.kind().name() + " (" + a.kind().rule() + ")", a.detail(),
                a.raisedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                String.join("; ", a.recipients()));
    }

    /** Clears an alarm with the note of what was done; back to its line's desk. */
    void clear(Context ctx, User user, String token) {
        io.liaison.hotline.Alarm a = hotline().clear(user, ctx.pathParam("id"), Optional.ofNullable(ctx.formParam("note"))
                .orElse(""));
        ctx.redirect("/hotline/" + a.line(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private String fragment(User user, Line line, HotlineMessage m, String token, boolean fresh) {
        return frame.text("message.jte", Map.of("m", shown(user, line, m, fresh), "csrf", frame.form(token)))
                .replace("\n", "");
    }

    /** Acknowledges an incoming message; htmx gets the message's new fragment, a plain form goes back to the desk. */
    void ack(Context ctx, User user, String token) {
        HotlineMessage m = hotline().ack(user, ctx.pathParam("id"));
        Line line = line(user, m.line());
        if (ctx.header("HX-Request") != null) {
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(fragment(user, line, hotline().readable(user, m.id()), token, false));
        } else {
            ctx.redirect("/hotline/" + line.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    /** The line's live stream: each new message (event {@code message}), and each one changed (event {@code m-ID}). */
    void stream(Context ctx, User user, String token) throws Exception {
        Line line = line(user, ctx.pathParam("line"));
        new SseHandler(client -> send(client, user, line, token)).handle(ctx);
    }

    private void send(SseClient client, User user, Line line, String token) {
        Hotline h = hotline();
        BlockingQueue<HotlineEvent> queue = new ArrayBlockingQueue<>(BACKLOG);
        // The banners stand at the highest label on the page; a message above it raises them (never lowers them).
        var policy = frame.policy();
        int[] shownRank = {h.messages(user, line.id(), false, SHOWN).stream().mapToInt(m -> policy.rank(
                m.classification())).max().orElse(0)};
        try (AutoCloseable sub = h.events().subscribe(e -> {
            if (e.line().equals(line.id())) {
                queue.offer(e);
            }
        })) {
            long lastBeat = System.nanoTime();
            long lastHealth = 0;
            boolean healthDue = false;
            while (!client.terminated()) {
                HotlineEvent e = queue.poll(1, TimeUnit.SECONDS);
                if (e instanceof HotlineEvent.MessageEvent m && h.mayRead(user, line, m.message().classification())) {
                    String html = fragment(user, line, m.message(), token, true);
                    int rank = policy.rank(m.message().classification());
                    if (rank > shownRank[0]) {
                        shownRank[0] = rank;
                        html += banners(m.message().classification());
                    }
                    client.sendEvent("message", html);
                } else if (e instanceof HotlineEvent.AlarmEvent a && a.alarm().open()
                        && h.escalation().visible(user, a.alarm())) {
                    client.sendEvent("alarm", frame.text("alarm.jte", Map.of("a", shown(a.alarm()), "csrf",
                            frame.form(token))).replace("\n", ""));
                } else if (e instanceof HotlineEvent.ReceiptEvent r && h.mayRead(user, line, r.classification())) {
                    Optional<HotlineMessage> now = readable(h, user, r.message());
                    if (now.isPresent()) {
                        client.sendEvent("m-" + r.message(), fragment(user, line, now.get(), token, false));
                    }
                    healthDue = true;
                } else if (e instanceof HotlineEvent.HealthEvent) {
                    healthDue = true;
                }
                // The line's health and latency, at most once a second, when something changed them.
                if (healthDue && System.nanoTime() - lastHealth > 1_000_000_000L) {
                    client.sendEvent("health", frame.text("health.jte", Map.of("health", health(user, line)))
                            .replace("\n", ""));
                    healthDue = false;
                    lastHealth = System.nanoTime();
                }
                if (System.nanoTime() - lastBeat > 15_000_000_000L) {
                    client.sendComment("keep-alive");
                    lastBeat = System.nanoTime();
                }
                // A session that ended ends its stream.
                frame.node().accounts().authenticate(token);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the browser went away, or the session ended
        }
    }

    /** Both banners at {@code level}, swapped in place of the page's (out of band). */
    private String banners(String level) {
        Page.Banner b = frame.highest(List.of(level));
        StringBuilder sb = new StringBuilder();
        for (String id : List.of("banner-top", "banner-bottom")) {
            sb.append("<div class=\"banner ").append(b.cssClass()).append("\" id=\"").append(id)
                    .append("\" role=\"note\" hx-swap-oob=\"true\">").append(Html.escape(b.text())).append("</div>");
        }
        return sb.toString();
    }

    /** The line's health and traffic as its desk shows them: status, round trip, and per precedence the queues and latency. */
    public record Health(String status, String roundTrip, String error, int openAlarms, List<Row> rows) {
        /** One precedence: queued to the peer, received and not acknowledged, delivery and acknowledgement p50/p99. */
        public record Row(String precedence, int queued, int unacknowledged, String delivery, String acknowledgement) {}
    }

    Health health(User user, Line line) {
        Hotline.LineStatus s = hotline().status(user).stream().filter(x -> x.line().id().equals(line.id())).findFirst()
                .orElseThrow(() -> new NotFoundException("LINE_NOT_FOUND", "no line " + line.id()
                        + " that you are on duty for"));
        List<Health.Row> rows = new java.util.ArrayList<>();
        for (io.liaison.core.hotline.Precedence p : io.liaison.core.hotline.Precedence.values()) {
            var l = s.latency().get(p);
            rows.add(new Health.Row(p.name(), s.queued().getOrDefault(p, 0), s.unacknowledged().getOrDefault(p, 0),
                    l == null ? "" : written(l.delivery()), l == null ? "" : written(l.acknowledgement())));
        }
        return new Health(s.health().status().name(), s.health().lastRoundTrip().map(d -> d.toMillis() + " ms")
                .orElse("—"), s.health().lastError().orElse(""), s.openAlarms(), rows);
    }

    private static String written(io.liaison.hotline.Messages.Percentiles p) {
        return p.samples() == 0 ? "—" : p.p50().map(v -> v + " ms").orElse("—") + " / " + p.p99().map(v -> v + " ms")
                .orElse("—") + " (" + p.samples() + ")";
    }

    private static Optional<HotlineMessage> readable(Hotline h, User user, String id) {
        try {
            return Optional.of(h.readable(user, id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
