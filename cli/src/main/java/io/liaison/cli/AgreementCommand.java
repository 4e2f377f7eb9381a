package io.liaison.cli;

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
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liaison agreement list|show|timeline}. */
@Command(name = "agreement", description = "List and show agreements and their lifecycle.",
        mixinStandardHelpOptions = true)
final class AgreementCommand {
    private final Services s;

    AgreementCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the agreements and their state today.")
    int list() {
        LocalDate today = LocalDate.now(s.clock().withZone(ZoneOffset.UTC));
        for (Agreement a : s.catalog().agreements()) {
            s.out().printf("%-22s %-9s %-20s %s%n", a.id(), a.kind(),
                    s.catalog().lifecycle(a.id()).stateOn(today).map(Enum::name).orElse("NOT_PROPOSED"),
                    String.join("-", a.members().stream().map(Party::code).toList()));
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Print an agreement's parties, equivalence table and rules.")
    int show(@Parameters(paramLabel = "ID") String id) {
        print(s, s.catalog().requireAgreement(AgreementId.of(id)));
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
                    out.printf("    %s %-12s -> %s %s%s%n", e.from(), e.fromLevel(), e.to(), e.toLevel(),
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
                + "; notice period: " + a.noticePeriod());
        out.println("    after termination, everything provided stays protected (R19)");
        LocalDate today = LocalDate.now(s.clock().withZone(ZoneOffset.UTC));
        out.println("  state on " + today + ": "
                + s.catalog().lifecycle(a.id()).stateOn(today).map(Enum::name).orElse("NOT_PROPOSED"));
    }

    @Command(mixinStandardHelpOptions = true, name = "timeline", description = "Print the agreement's states over time, or its state on a date.")
    int timeline(@Parameters(paramLabel = "ID") String id,
            @Option(names = "--at", paramLabel = "DATE", description = "a date (YYYY-MM-DD); default: today") String at) {
        Lifecycle lc = s.catalog().lifecycle(s.catalog().requireAgreement(AgreementId.of(id)).id());
        LocalDate until;
        try {
            until = at == null ? LocalDate.now(s.clock().withZone(ZoneOffset.UTC)) : LocalDate.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at '" + at + "' is not a date YYYY-MM-DD");
        }
        printTimeline(s, lc, until);
        if (at != null) {
            s.out().println("state on " + until + ": " + lc.stateOn(until).map(AgreementState::name).orElse("NOT_PROPOSED"));
        }
        return 0;
    }

    static void printTimeline(Services s, Lifecycle lc, LocalDate until) {
        for (Transition t : lc.timeline(until)) {
            s.out().printf("  %s  %-20s %s%n", t.date(), t.renewal() ? "(renewed)" : t.state().name(), t.cause());
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
