package io.liaison.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A tiny real HTTP client for tests. */
record Http(String base) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        // A large body waits for the server's go-ahead: a refusal (413) then arrives before the upload, not during it.
        b.expectContinue(body != null && body.length() > (1 << 20));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    /**
     * Adds a user as the admin and has the officer approve its grant, the two-person rule over HTTP; returns a session
     * token of the new user.
     */
    String addUser(String admin, String officer, java.util.Map<String, Object> user) {
        Answer added = post("/api/users", admin, user);
        if (added.status() != 201) {
            throw new AssertionError("adding " + user.get("name") + ": " + added.body());
        }
        if (added.json().has("grant")) {
            Answer approved = post("/api/grants/" + added.json().path("grant").path("id").asText() + "/approve", officer,
                    java.util.Map.of());
            if (approved.status() != 200) {
                throw new AssertionError("approving " + user.get("name") + ": " + approved.body());
            }
        }
        return post("/api/login", null, java.util.Map.of("user", user.get("name"), "password", user.get("password")))
                .json().path("token").asText();
    }

    /** A session token of {@code user}. */
    String login(String user, String password) {
        return post("/api/login", null, java.util.Map.of("user", user, "password", password)).json().path("token").asText();
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, "application/json", Json.compact(body));
    }
}
