package io.liaison.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.catalog.json.RequestJson;
import io.liaison.core.access.AccessControl;
import io.liaison.core.access.Clearance;
import io.liaison.core.access.CompiledClearance;
import io.liaison.core.access.CompiledLabel;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.party.Party;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One access vector, compiled: the policy's access control, the label and the clearance. */
public record AccessCase(String name, AccessControl control, CompiledLabel label, CompiledClearance clearance,
        boolean expected, String accumuloExpression, Set<String> accumuloAuthorizations) {

    public static AccessCase of(Vectors.Vector v, Catalog catalog) {
        JsonNode b = v.body();
        try {
            RequestJson.LabelDto dto = Json.MAPPER.treeToValue(b.get("label"), RequestJson.LabelDto.class);
            var label = new RequestJson(catalog).label(dto, Party.of("USA"));
            JsonNode c = b.get("clearance");
            Map<String, Set<String>> held = new HashMap<>();
            c.path("categories").properties().forEach(e -> {
                Set<String> values = new HashSet<>();
                e.getValue().forEach(x -> values.add(x.asText()));
                held.put(e.getKey(), values);
            });
            Clearance clearance = new Clearance(c.get("policy").asText(), c.get("level").asText(), held,
                    Party.of(c.get("nationality").asText()));
            AccessControl ac = catalog.accessControl(clearance.policyId());
            Set<String> auths = new HashSet<>();
            b.get("accumulo").get("authorizations").forEach(a -> auths.add(a.asText()));
            return new AccessCase(v.name(), ac, ac.compile(label), ac.compile(clearance), b.get("expect").asBoolean(),
                    b.get("accumulo").get("expression").asText(), Set.copyOf(auths));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("access vector " + v.name() + " is malformed", e);
        }
    }
}
