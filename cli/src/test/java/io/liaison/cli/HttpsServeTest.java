package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 11: the user API answered plain HTTP on any address, so tokens and content would cross a network
 * unencrypted. Beyond loopback it now speaks only HTTPS, with a certificate from the node's party CA.
 */
@Timeout(120)
class HttpsServeTest {

    @Test
    void servingBeyondLoopback_speaksHttpsOnly_andTheCliChecksTheNodesCertificate(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("kor");
        Cli init = Cli.run("init", "--party", "KOR", "--dir", dir.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        int port = ServedNodes.freePort();
        try (ServedNodes nodes = new ServedNodes()) {
            List<String> printed = new ArrayList<>();
            nodes.serve(dir, port, ServedNodes.freePort(), printed, "--host", "0.0.0.0");
            assertThat(printed).anyMatch(l -> l.startsWith("node KOR listening on https://0.0.0.0:" + port));
            String https = "https://127.0.0.1:" + port;
            String ca = dir.resolve("pki/party-ca.pem").toString();

            Cli login = Cli.withInput(init.adminPassword() + "\n", "login", "--user", "admin", "--password-stdin",
                    "--node", https, "--ca", ca);
            assertThat(login.exit()).as(login.err()).isZero();
            String admin = login.out().strip();
            Cli users = Cli.run("user", "list", "--node", https, "--ca", ca, "--token", admin);
            assertThat(users.exit()).as(users.err()).isZero();
            assertThat(users.out()).contains("officer");

            Cli noCa = Cli.run("user", "list", "--node", https, "--token", admin);
            assertThat(noCa.exit()).isEqualTo(2);
            assertThat(noCa.err()).contains("give the node's party CA");

            // Plain HTTP to the same port gets no answer from the API: the token would have crossed in clear.
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            boolean answered;
            try {
                HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/me")).header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                answered = r.statusCode() == 200;
            } catch (java.io.IOException e) {
                answered = false;
            }
            assertThat(answered).isFalse();
        }
    }
}
