package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code liaison peer add|list} on two freshly initialised nodes, as the README shows. */
@org.junit.jupiter.api.Timeout(600)
class PeerCommandTest {

    @Test
    void addingTheOtherNodesCa_makesItAPeer_andBadInputIsOneLine(@TempDir Path tmp) {
        Path kor = tmp.resolve("kor");
        Path jpn = tmp.resolve("jpn");
        assertThat(Cli.run("init", "--party", "KOR", "--dir", kor.toString()).exit()).isZero();
        assertThat(Cli.run("init", "--party", "JPN", "--dir", jpn.toString()).exit()).isZero();
        String jpnCa = jpn.resolve("pki/party-ca.pem").toString();

        Cli none = Cli.run("peer", "list", "--dir", kor.toString());
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).contains("no peers");

        Cli add = Cli.run("peer", "add", "JPN", "https://127.0.0.1:9443", "--ca", jpnCa, "--dir", kor.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("peer JPN added: https://127.0.0.1:9443, CA CN=Liaison JPN CA,O=JPN (SHA-256 ");

        Cli list = Cli.run("peer", "list", "--dir", kor.toString());
        assertThat(list.out()).contains("JPN  https://127.0.0.1:9443  NEW (never contacted)");

        Cli http = Cli.run("peer", "add", "USA", "http://127.0.0.1:9443", "--ca", jpnCa, "--dir", kor.toString());
        assertThat(http.exit()).isEqualTo(2);
        assertThat(http.err().strip().lines()).singleElement().asString().contains("must be https");

        Cli wrongParty = Cli.run("peer", "add", "USA", "https://127.0.0.1:9444", "--ca", jpnCa, "--dir", kor.toString());
        assertThat(wrongParty.exit()).isEqualTo(2);
        assertThat(wrongParty.err()).contains("names party JPN, not USA");

        Cli twice = Cli.run("peer", "add", "JPN", "https://127.0.0.1:9445", "--ca", jpnCa, "--dir", kor.toString());
        assertThat(twice.exit()).isNotZero();
        assertThat(twice.err()).contains("already a peer");

        Cli verify = Cli.run("audit", "verify", "--dir", kor.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }
}
