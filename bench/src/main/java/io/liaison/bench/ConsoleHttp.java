package io.liaison.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.server.console.Console;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console and the API over plain HTTP, as {@link ConsoleLoad} times them: signing in, and requests in rounds. */
final class ConsoleHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleHttp() {}

    /** Signs in through the console's form as a browser does: the form's cookie and token, then the session cookie. */
    static String signIn(HttpClient http, String base, String user, String password) throws Exception {
        HttpResponse<String> form = http.send(get(base + "/login", null), HttpResponse.BodyHandlers.ofString());
        String pre = cookie(form, Console.PRESESSION);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no form token on the sign-in page");
        }
        String body = "csrf=" + m.group(1) + "&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Cookie",
                Console.PRESESSION + "=" + pre).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) {
            throw new IllegalStateException("sign-in as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return cookie(r, Console.SESSION);
    }

    static String cookie(HttpResponse<?> r, String name) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            if (c.startsWith(name + "=")) {
                return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
            }
        }
        throw new IllegalStateException("no cookie " + name + " in the answer (" + r.statusCode() + ")");
    }

    static String apiLogin(HttpClient http, String base, String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("user", user,
                "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("API login as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("token").asText();
    }

    static HttpRequest get(String url, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (session != null) {
            b.header("Cookie", Console.SESSION + "=" + session);
        }
        return b.build();
    }

    /** Sorted times to the response's headers and to its last byte, in nanoseconds. */
    record Timed(long[] ttfb, long[] total) {}

    /**
     * {@code rounds} rounds, each request of {@code paths} once in a rotating order, so that no path gets a quieter
     * machine; every answer must be 200 and contain its {@code expect}.
     */
    static Timed[] interleaved(HttpClient http, int rounds, List<IntFunction<HttpRequest>> paths,
            List<String> expect) throws Exception {
        long[][] ttfb = new long[paths.size()][rounds];
        long[][] total = new long[paths.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < paths.size(); k++) {
                int p = (i + k) % paths.size();
                HttpRequest req = paths.get(p).apply(i);
                long[] head = new long[1];
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(req, info -> {
                    head[0] = System.nanoTime();
                    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                });
                long done = System.nanoTime();
                if (r.statusCode() != 200 || !r.body().contains(expect.get(p))) {
                    throw new IllegalStateException(req.uri() + " answered " + r.statusCode() + " without '"
                            + expect.get(p) + "': " + r.body().substring(0, Math.min(500, r.body().length())));
                }
                ttfb[p][i] = head[0] - t;
                total[p][i] = done - t;
            }
        }
        Timed[] out = new Timed[paths.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = new Timed(Stats.sorted(ttfb[p]), Stats.sorted(total[p]));
        }
        return out;
    }
}
