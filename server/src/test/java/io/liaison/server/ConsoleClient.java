package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.server.console.Console;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console over plain HTTP, as a browser without scripts would use it: cookies, forms and their tokens. */
final class ConsoleClient {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    ConsoleClient(String base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        return send("GET", path, cookie, null);
    }

    /** Posts a form with the token of the page it came from. */
    HttpResponse<String> post(String path, String cookie, String page, Map<String, String> fields) throws Exception {
        java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("csrf", csrf(page));
        return send("POST", path, cookie, form(all));
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static String cookieValue(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElseThrow();
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(html);
        assertThat(m.find()).as("a form token in " + html).isTrue();
        return m.group(1);
    }

    /** Signs in through the form; returns the session cookie header. */
    String signIn(String user, String password) throws Exception {
        HttpResponse<String> page = send("GET", "/login", null, null);
        String pre = Console.PRESESSION + "=" + cookieValue(page, Console.PRESESSION);
        HttpResponse<String> r = send("POST", "/login", pre, form(Map.of("csrf", csrf(page.body()), "user", user,
                "password", password)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return Console.SESSION + "=" + cookieValue(r, Console.SESSION);
    }
}
