package io.liaison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.agreement.PartyPolicy;
import io.liaison.core.agreement.Transition;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liaison agreement list|show|timeline} and the party's lifecycle steps. With a node ({@code --node}, or
 * {@code $LIAISON_NODE} with {@code $LIAISON_TOKEN}), agreements are shown as that node recorded their lifecycle,
 * each step with where it came from; without one, as the shipped catalog has them. A step ({@code propose},
 * {@code sign}, {@code notice}, {@code terminate}, …) is asked for by a security officer and carried out when a
 * second one approves it ({@code liaison approval approve}).
 */
@Command(name = "agreement", description = {"Agreements, their lifecycle, and this party's steps (R17).",
        "With --node (or $LIAISON_NODE and $LIAISON_TOKEN) as that node recorded them; otherwise as shipped."},
        mixinStandardHelpOptions = true)
final class AgreementCommand {
    private final Services s;

    @Mixin Remote remote;

    AgreementCommand(Services s) {
        this.s = s;
    }

    private boolean onNode() {
        return remote.node != null || System.getenv("LIAISON_NODE") != null && (remote.token != null
                || System.getenv("LIAISON_TOKEN") != null);
    }

    private LocalDate today() {
        return LocalDate.now(s.clock().withZone(ZoneOffset.UTC));
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the agreements and their state today.")
    int list() {
        if (onNode()) {
            for (JsonNode a : remote.client().get("/api/agreements", Map.of())) {
                s.out().printf("%-22s %-9s %-20s %s%n", a.path("id").asText(), a.path("kind").asText(),
                        a.path("state").asText(), String.join("-", texts(a.path("parties"))));
            }
            return 0;
        }
        LocalDate today = today();
        for (Agreement a : s.catalog().agreements()) {
            s.out().printf("%-22s %-9s %-20s %s%n", a.id(), a.kind(),
                    s.catalog().lifecycle(a.id()).stateOn(today).map(Enum::name).orElse("NOT_PROPOSED"),
                    String.join("-", a.members().stream().map(Party::code).toList()));
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show",
            description = "Print an agreement's parties, equivalence table, rules and state.")
    int show(@Parameters(paramLabel = "ID") String id) {
        Agreement a = s.catalog().requireAgreement(AgreementId.of(id));
        print(s, a);
        if (onNode()) {
            JsonNode n = remote.client().get("/api/agreements/" + a.id().value(), Map.of());
            s.out().println("  state on " + n.path("on").asText() + " as this node recorded it: " + n.path("state").asText());
            waiting(n);
        } else {
            LocalDate today = today();
            s.out().println("  state on " + today + ": "
                    + s.catalog().lifecycle(a.id()).stateOn(today).map(Enum::name).orElse("NOT_PROPOSED"));
        }
        return 0;
    }

    static void print(Services s, Agreement a) {
        var out = s.out();
        out.println(s.terminal().bold(a.id().value()) + ": " + a.title());
        out.println("  kind: " + a.kind() + a.rules().hub().map(h -> " through hub " + h).orElse(""));
        for (PartyPolicy p : a.parties()) {
            out.println("  party " + p.party() + " (policy " + p.policyId() + "), covers: "
                    + String.join(", ", a.coveredLevels(p.party())));
        }
        out.println("  equivalence table (directional):");
        for (Party from : a.members()) {
            for (Party to : a.members()) {
                List<Equivalence> rows = a.rows(from, to);
                for (Equivalence e : rows) {
                    out.printf("    %s %s -> %s %s%s%n", e.from(), Columns.pad(e.fromLevel(), 12), e.to(), e.toLevel(),
                            e.article().isEmpty() ? "" : "   (" + e.article() + ")");
                }
            }
        }
        out.println("  rules:");
        out.println("    third-party release needs the originator's prior written consent (R6): "
                + yesNo(a.rules().originatorConsent()));
        out.println("    use limited to the purposes provided (R7): " + yesNo(a.rules().purposeLimitation()));
        out.println("    scope (R20): " + (a.rules().scope().isEmpty() ? "any topic"
                : String.join(", ", a.rules().scope().stream().map(Purpose::name).sorted().toList())));
        a.rules().hub().ifPresent(h -> out.println("    relay (R21, R22): spokes share only through " + h
                + ", with the originator's consent"));
        out.println("    term: " + a.term().map(t -> t + ", renewed automatically on each anniversary").orElse("open-ended")
                + "; notice period: " + a.noticePeriod() + (a.lifecycleArticle().isEmpty() ? ""
                : " (" + a.lifecycleArticle() + ")"));
        out.println("    after termination, everything provided stays protected (R19)");
    }

    @Command(mixinStandardHelpOptions = true, name = "timeline",
            description = "Print the agreement's states over time, or its state on a date.")
    int timeline(@Parameters(paramLabel = "ID") String id,
            @Option(names = "--at", paramLabel = "DATE", description = "a date (YYYY-MM-DD); default: today") String at) {
        AgreementId agreement = AgreementId.of(id);
        LocalDate until;
        try {
            until = at == null ? today() : LocalDate.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at '" + at + "' is not a date YYYY-MM-DD");
        }
        if (onNode()) {
            // Without --at, up to the node's today.
            JsonNode n = remote.client().get("/api/agreements/" + agreement.value(), at == null ? Map.of()
                    : Map.of("until", until.toString()));
            String state = "NOT_PROPOSED";
            for (JsonNode l : n.path("history")) {
                s.out().printf("  %s  %-20s %s  [%s]%n", l.path("date").asText(), l.path("renewal").asBoolean()
                        ? "(renewed)" : l.path("state").asText(), l.path("cause").asText(), l.path("origin").asText());
                state = l.path("state").asText();
            }
            waiting(n);
            if (at != null) {
                s.out().println("state on " + until + ": " + state);
            }
            return 0;
        }
        Lifecycle lc = s.catalog().lifecycle(s.catalog().requireAgreement(agreement).id());
        printTimeline(s, lc, until);
        if (at != null) {
            s.out().println("state on " + until + ": " + lc.stateOn(until).map(AgreementState::name).orElse("NOT_PROPOSED"));
        }
        return 0;
    }

    private void waiting(JsonNode agreement) {
        agreement.path("signaturesWaiting").fields().forEachRemaining(e -> s.out().println("  signed by " + e.getKey()
                + " on " + e.getValue().asText() + "; the other parties' signatures are awaited"));
    }

    static void printTimeline(Services s, Lifecycle lc, LocalDate until) {
        for (Transition t : lc.timeline(until)) {
            s.out().printf("  %s  %-20s %s%n", t.date(), t.renewal() ? "(renewed)" : t.state().name(), t.cause());
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    // The party's steps (R17): asked for by a security officer, carried out when a second one approves.

    private int step(String step, String id, String day, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step", step);
        if (day != null) {
            body.put("day", day);
        }
        body.put("note", note == null ? "" : note);
        JsonNode r = remote.client().post("/api/agreements/" + AgreementId.of(id).value() + "/steps", body);
        s.out().println("step " + r.path("id").asText() + " asked: " + r.path("summary").asText());
        s.out().println("  a second security officer approves it: liaison approval approve " + r.path("id").asText());
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "propose", description = "Propose the agreement (again, after a decline).")
    int propose(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("propose", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "decline", description = "Decline the other party's proposal.")
    int decline(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("decline", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "initial", description = "Initial the agreed text.")
    int initial(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("initial", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "sign", description = "Sign; the agreement is SIGNED once every party has.")
    int sign(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("sign", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "notify", description = "Notify that this party's internal "
            + "procedures are complete (exchange of notes); in force on the later party's notification.")
    int notifyEntry(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("notify", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "renew", description = "Confirm by note the renewal on the next "
            + "anniversary (the agreement also renews by itself unless notice was given).")
    int renew(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("renew", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "notice", description = "Give written notice of termination; it "
            + "takes effect on the first anniversary at least the notice period later.")
    int notice(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("notice", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "suspend", description = "Suspend this party's notice; the "
            + "agreement stays in force and the notice may still be acted on.")
    int suspend(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("suspend", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "withdraw", description = "Withdraw this party's notice: fully in "
            + "force again.")
    int withdraw(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("withdraw", id, o.day, o.note);
    }

    @Command(mixinStandardHelpOptions = true, name = "terminate", description = "Act on this party's suspended notice: "
            + "the agreement terminates that day; what was provided stays protected (R19).")
    int terminate(@Parameters(paramLabel = "ID") String id, @Mixin StepOptions o) {
        return step("terminate", id, o.day, o.note);
    }

    /** The options every step takes. */
    static final class StepOptions {
        @Option(names = "--day", paramLabel = "DATE", description = "the day of the step (YYYY-MM-DD; default today, "
                + "never later)")
        String day;

        @Option(names = "--note", paramLabel = "TEXT", description = "a note for the record")
        String note;
    }
}
