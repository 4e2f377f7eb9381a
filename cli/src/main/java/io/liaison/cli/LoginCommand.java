package io.liaison.cli;

import java.io.Console;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liaison login --user NAME}: prints a session token for {@code LIAISON_TOKEN}. */
@Command(name = "login", mixinStandardHelpOptions = true, description = {
        "Log in and print a session token; use it as: export LIAISON_TOKEN=$(liaison login --user NAME)",
        "The password comes from --password-stdin, $LIAISON_PASSWORD or a prompt."})
final class LoginCommand implements Callable<Integer> {
    private final Services s;

    @Mixin Remote remote;

    @Option(names = "--user", required = true) String user;

    @Option(names = "--api-token", description = "also create a long-lived API token with this label") String apiToken;

    @Option(names = "--password-stdin", description = "read the password from standard input") boolean passwordStdin;

    private final java.io.InputStream stdin;

    LoginCommand(Services s, java.io.InputStream stdin) {
        this.s = s;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        String password = passwordStdin ? new String(Inputs.read("-", stdin, 4096), java.nio.charset.StandardCharsets.UTF_8)
                .strip() : Optional.ofNullable(System.getenv("LIAISON_PASSWORD")).orElseGet(() -> {
            Console c = System.console();
            if (c == null) {
                throw new IllegalArgumentException("no password: set LIAISON_PASSWORD or run in a terminal");
            }
            return new String(c.readPassword("password for %s: ", user));
        });
        Map<String, String> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("password", password);
        String token = remote.client().post("/api/login", body).path("token").asText();
        if (apiToken != null) {
            token = remote.client(Optional.of(token)).post("/api/tokens", Map.of("label", apiToken)).path("token").asText();
        }
        s.out().println(token);
        return 0;
    }
}
