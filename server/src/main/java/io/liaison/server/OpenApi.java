package io.liaison.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An OpenAPI 3.1 document generated from the registered routes, so it cannot drift from them. */
final class OpenApi {
    private OpenApi() {}

    static Map<String, Object> document(List<Route> routes, String party) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("security", r.open() ? List.of() : List.of(Map.of("bearer", List.of())));
            if (!r.roles().isEmpty()) {
                op.put("x-liaison-roles", r.roles().stream().map(x -> x.written()).sorted().toList());
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("200", Map.of("description", "success (201 on creation)"));
            responses.put("4XX", Map.of("description", "a problem", "content",
                    Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
            op.put("responses", responses);
            item.put(r.method().name().toLowerCase(Locale.ROOT), op);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Liaison node API (" + party + ")", "version", "0.1.0"));
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Problem", Map.of("type", "object", "properties", Map.of(
                        "type", Map.of("type", "string"), "title", Map.of("type", "string"),
                        "status", Map.of("type", "integer"), "code", Map.of("type", "string"),
                        "detail", Map.of("type", "string"))))));
        return doc;
    }
}
