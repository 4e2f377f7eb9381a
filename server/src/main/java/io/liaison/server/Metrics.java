package io.liaison.server;

import io.liaison.core.hotline.Precedence;
import io.liaison.federation.Federation;
import io.liaison.federation.outbox.Outbox;
import io.liaison.hotline.Hotline;
import io.liaison.node.Node;
import io.liaison.node.accounts.User;
import io.liaison.node.policies.PolicyBook;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics (Micrometer), in two parts. The node's operation, the same for every scraper: API requests by
 * method, route template and status with their durations, the JVM, the audit log's size (integrity metadata every
 * auditor sees), readiness, and the version of each policy in force. And what the scraping account may see, decided
 * as its reads are (R10): the hotline's queues, unacknowledged messages, latency and open alarms on the lines it has
 * an official need on, and the messages waiting for each peer that it may see. A count never includes what the
 * scraper may not read, so scrape with an account whose clearance and duties cover what you monitor.
 */
final class Metrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Node node;
    private final Optional<Federation> federation;
    private final Optional<Hotline> hotline;

    Metrics(Node node, Optional<Federation> federation, Optional<Hotline> hotline) {
        this.node = node;
        this.federation = federation;
        this.hotline = hotline;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        registry.gauge("liaison_audit_entries", node, n -> n.audit().size());
        registry.gauge("liaison_leader", node, n -> n.leadership().leading() ? 1 : 0);
        registry.gauge("liaison_leader_epoch", node, n -> n.leadership().epoch().orElse(-1L));
    }

    /** An answered request: its method, the route's template (never the concrete path), status and duration. */
    void request(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("liaison_http_requests")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Each request's timer, found by one lookup instead of building and registering its identity per request. Routes
     * are the registered templates (or one name for every unmatched path), so the map stays as small as the API.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /** The exposition for {@code user}: the node's operation, then what that account may see. */
    String scrape(User user) {
        StringBuilder out = new StringBuilder(registry.scrape());
        gauge(out, "liaison_ready", "1 when the node can serve (GET /api/ready)", Map.of(),
                node.unready().isEmpty() ? 1 : 0);
        PolicyBook book = node.policies();
        header(out, "liaison_policy_version", "the version of each policy in force (0: shipped)");
        node.catalog().policies().forEach(p -> line(out, "liaison_policy_version", Map.of("policy", p.id()),
                book.inForce(p.id()).map(PolicyBook.InForce::version).orElse(0)));
        hotline.ifPresent(h -> {
            var lines = h.status(user);
            header(out, "liaison_hotline_queued", "messages queued to the other end, by line and precedence, that "
                    + "this account may read");
            lines.forEach(s -> s.queued().forEach((p, n) -> line(out, "liaison_hotline_queued", labels(s, p), n)));
            header(out, "liaison_hotline_unacknowledged", "messages received and not yet acknowledged, by line and "
                    + "precedence, that this account may read");
            lines.forEach(s -> s.unacknowledged().forEach((p, n) -> line(out, "liaison_hotline_unacknowledged",
                    labels(s, p), n)));
            header(out, "liaison_hotline_delivery_p99_ms", "delivery latency at p99 of the latest 10,000 sent, by line "
                    + "and precedence, over what this account may read");
            lines.forEach(s -> s.latency().forEach((p, l) -> l.delivery().p99().ifPresent(v -> line(out,
                    "liaison_hotline_delivery_p99_ms", labels(s, p), v))));
            header(out, "liaison_hotline_open_alarms", "open alarms by line that this account may see");
            lines.forEach(s -> line(out, "liaison_hotline_open_alarms", Map.of("line", s.line().id()), s.openAlarms()));
        });
        federation.ifPresent(f -> {
            Map<io.liaison.core.party.Party, Outbox.Depth> depths = f.outbox().undelivered(user, node.disclosure());
            header(out, "liaison_outbox_waiting", "messages waiting for each peer that this account may see");
            header(out, "liaison_outbox_oldest_age_seconds", "age of the oldest of them");
            long now = node.clock().millis();
            depths.forEach((peer, d) -> {
                line(out, "liaison_outbox_waiting", Map.of("peer", peer.code()), d.messages());
                line(out, "liaison_outbox_oldest_age_seconds", Map.of("peer", peer.code()),
                        Math.max(0, (now - d.oldest().toEpochMilli()) / 1000));
            });
        });
        return out.toString();
    }

    private static Map<String, String> labels(Hotline.LineStatus s, Precedence p) {
        return new java.util.TreeMap<>(Map.of("line", s.line().id(), "precedence", p.name()));
    }

    private static void gauge(StringBuilder out, String name, String help, Map<String, String> labels, long value) {
        header(out, name, help);
        line(out, name, labels, value);
    }

    private static void header(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void line(StringBuilder out, String name, Map<String, String> labels, long value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (var e : new java.util.TreeMap<>(labels).entrySet()) {
                out.append(first ? "" : ",").append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\")
                        .replace("\"", "\\\"").replace("\n", "\\n")).append('"');
                first = false;
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }
}
