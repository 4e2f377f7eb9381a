package io.liaison.core.label;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a label against its policy (R1): the policy identifier, a known level, known tags of the right
 * type, known values, and the policy's exclusions (NOFORN excludes REL TO).
 */
public final class LabelValidator {
    private LabelValidator() {}

    /** Every problem found, one sentence each; empty when the label is valid. */
    public static List<String> problems(SecurityLabel label, SecurityPolicy policy) {
        List<String> out = new ArrayList<>();
        if (!label.policy().name().equals(policy.name())) {
            out.add("PolicyIdentifier '" + label.policy().name() + "' is not policy " + policy.id()
                    + " ('" + policy.name() + "')");
        }
        label.policy().uri().ifPresent(uri -> {
            if (policy.oid().isEmpty() || !uri.equals("urn:oid:" + policy.oid().get())) {
                out.add("PolicyIdentifier URI " + uri + " does not match policy " + policy.id()
                        + policy.oid().map(o -> " (urn:oid:" + o + ")").orElse(" (which has no OID)"));
            }
        });
        if (policy.classification(label.classification()).isEmpty()) {
            out.add("classification " + label.classification() + " is not a level of policy " + policy.id()
                    + " (levels: " + policy.levelNames() + ")");
        }
        for (Category c : label.categories()) {
            Optional<CategoryTag> tag = policy.tag(c.tagName(), c.type());
            if (tag.isEmpty()) {
                List<CategoryTag> named = policy.tagsNamed(c.tagName());
                if (named.isEmpty()) {
                    out.add("category " + c.tagName() + " is not a tag of policy " + policy.id() + " (tags: "
                            + String.join(", ", policy.tags().stream().map(CategoryTag::tagSet).distinct().toList())
                            + ")");
                } else {
                    out.add("category " + c.tagName() + " has Type " + c.type() + " but policy " + policy.id()
                            + " defines it as " + String.join(" or ", named.stream().map(t -> t.type().name()).toList()));
                }
                continue;
            }
            for (String v : c.values()) {
                Optional<TagValue> value = tag.get().value(v);
                if (value.isEmpty()) {
                    out.add("value " + v + " is not a value of " + c.tagName() + " (" + c.type() + ") in policy "
                            + policy.id());
                    continue;
                }
                for (String excluded : value.get().excludes()) {
                    if (label.categories().stream().anyMatch(o -> o.tagName().equals(excluded))) {
                        out.add(v + " excludes " + excluded + " in policy " + policy.id() + ": a label cannot carry both");
                    }
                }
            }
        }
        return out;
    }

    /** Throws {@link InvalidInputException} ({@code LABEL_INVALID}) naming every problem. */
    public static SecurityLabel requireValid(SecurityLabel label, SecurityPolicy policy) {
        List<String> problems = problems(label, policy);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("LABEL_INVALID",
                    "label is invalid in policy " + policy.id() + " (R1): " + problems.getFirst(), problems);
        }
        return canonical(label, policy);
    }

    /**
     * The label with its level spelled as the policy spells it, when it was typed in another compatible form
     * ({@code 군사II급비밀}); everything else as it is. Labels are stored and compared in the policy's spelling.
     */
    public static SecurityLabel canonical(SecurityLabel label, SecurityPolicy policy) {
        String level = policy.canonicalLevel(label.classification());
        return level.equals(label.classification()) ? label : new SecurityLabel(label.policy(), level,
                label.privacyMark(), label.categories(), label.originator(), label.created(), label.reviewAt());
    }
}
