package io.liaison.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code --category "Releasable To=KOR,USA"} options. */
final class Categories {
    private Categories() {}

    static Map<String, List<String>> parse(List<String> options) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String o : options == null ? List.<String>of() : options) {
            int eq = o.indexOf('=');
            if (eq <= 0 || eq == o.length() - 1) {
                throw new IllegalArgumentException("--category '" + o + "' must be TAG=VALUE[,VALUE…]");
            }
            out.computeIfAbsent(o.substring(0, eq).strip(), k -> new ArrayList<>())
                    .addAll(Arrays.stream(o.substring(eq + 1).split(",")).map(String::strip).toList());
        }
        return out;
    }

    static List<Map<String, Object>> asLabelCategories(List<String> options) {
        List<Map<String, Object>> out = new ArrayList<>();
        parse(options).forEach((tag, values) -> out.add(Map.of("tag", tag, "values", values)));
        return out;
    }
}
