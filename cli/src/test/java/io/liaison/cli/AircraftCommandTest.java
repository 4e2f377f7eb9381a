package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's aircraft clearance walkthrough on two real nodes ({@code liaison serve} processes): JPN asks KOR for a
 * clearance in the field's conventions, a local time is refused at the edge, KOR grants it with conditions, the
 * answer reaches JPN, and KOR flags a flight without a valid clearance (R31).
 */
@Timeout(300)
class AircraftCommandTest {
    private static final String GSOMIA = "jpn-kor-gsomia-2016";

    @Test
    void aClearanceAskedAtJpnIsGrantedAtKor_andAFlightWithoutOneIsFlagged(@TempDir Path tmp) throws Exception {
        ServedNodes.Pair pair = ServedNodes.Pair.init(tmp);
        String j = pair.jpn();
        String k = pair.kor();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String entry = now.plus(Duration.ofDays(2)).toString();
        String exit = now.plus(Duration.ofDays(3)).toString();
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.serve(pair);
            String jo = Cli.token(j, "officer", pair.jpnInit().officerPassword());
            String ko = Cli.token(k, "officer", pair.korInit().officerPassword());
            Cli local = Cli.run("aircraft", "request", "--host", "KOR", "--agreement", GSOMIA, "--type", "C130",
                    "--registration", "75-1075", "--call-sign", "JAF101", "--entry", "RKRR", "--exit", "RJJJ", "--route",
                    "RJFF Y711 RKRR W66 RKPK", "--entry-at", "2026-12-24T10:00:00+09:00", "--exit-at", exit, "--purpose",
                    "Relief supplies to Busan", "--crew", "6", "--answer-by", now.plus(Duration.ofDays(1)).toString(),
                    "--node", j, "--token", jo);
            assertThat(local.exit()).isNotZero();
            assertThat(local.err()).contains("must be a UTC time");
            Cli asked = ok(Cli.run("aircraft", "request", "--host", "KOR", "--agreement", GSOMIA, "--type", "C130",
                    "--registration", "75-1075", "--call-sign", "JAF101", "--entry", "RKRR", "--exit", "RJJJ", "--route",
                    "RJFF Y711 RKRR W66 RKPK", "--entry-at", entry, "--exit-at", exit, "--purpose",
                    "Relief supplies to Busan", "--crew", "6", "--passengers", "4", "--cargo", "medical supplies, 3 t",
                    "--answer-by", now.plus(Duration.ofDays(1)).toString(), "--node", j, "--token", jo));
            String id = asked.out().split(" ")[0];
            assertThat(asked.out()).contains("REQUESTED  JPN > KOR  JAF101  RKRR");
            ServedNodes.await("KOR has the request", () -> Cli.run("aircraft", "list", "--node", k, "--token", ko).out()
                    .contains(id));
            ok(Cli.run("aircraft", "grant", id, "--conditions", "squawk 4501", "--node", k, "--token", ko));
            ServedNodes.await("JPN has the grant", () -> Cli.run("aircraft", "show", id, "--node", j, "--token", jo).out()
                    .contains("GRANTED"));
            assertThat(ok(Cli.run("aircraft", "show", id, "--node", j, "--token", jo)).out())
                    .contains("conditions: squawk 4501").contains("cargo: medical supplies, 3 t");
            String inside = now.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)).toString();
            assertThat(ok(Cli.run("aircraft", "flight", "--call-sign", "JAF101", "--entry", "RKRR", "--at", inside,
                    "--node", k, "--token", ko)).out()).startsWith("CLEARED: cleared by " + id);
            Cli flagged = Cli.run("aircraft", "flight", "--call-sign", "JAF777", "--entry", "RKRR", "--at", inside,
                    "--node", k, "--token", ko);
            assertThat(flagged.exit()).isEqualTo(3);
            assertThat(flagged.out()).contains("FLAGGED: no clearance was asked for this call sign (R31)");
        }
    }
}
