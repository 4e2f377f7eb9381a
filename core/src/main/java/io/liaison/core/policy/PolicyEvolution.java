package io.liaison.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a new version of a policy may replace the one in force without making anything already labelled or cleared
 * invalid or differently ranked: the same owner, the same levels in the same order, and every category value kept.
 * It may add values and tags, and change phrases, colours, qualifiers and portions.
 */
public final class PolicyEvolution {
    private PolicyEvolution() {}

    /** What the new version would break, each naming the value; empty when it may replace the old. */
    public static List<String> problems(SecurityPolicy before, SecurityPolicy after) {
        List<String> out = new ArrayList<>();
        if (!before.owner().equals(after.owner())) {
            out.add("the owner changes from " + before.owner() + " to " + after.owner());
        }
        List<String> was = before.levels().stream().map(Classification::name).toList();
        List<String> now = after.levels().stream().map(Classification::name).toList();
        if (!was.equals(now)) {
            out.add("the levels change from (" + String.join(", ", was) + ") to (" + String.join(", ", now)
                    + "); labels and clearances already given would change rank or lose their level");
        }
        for (CategoryTag t : before.tags()) {
            var kept = after.tag(t.tagSet(), t.type());
            for (TagValue v : t.values()) {
                if (kept.flatMap(k -> k.value(v.name())).isEmpty()) {
                    out.add("value " + v.name() + " of " + t.tagSet() + " (" + t.type() + ") is dropped");
                }
            }
        }
        return out;
    }
}
