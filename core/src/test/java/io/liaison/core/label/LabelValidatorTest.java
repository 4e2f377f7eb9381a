package io.liaison.core.label;

import static io.liaison.core.TestPolicies.label;
import static io.liaison.core.TestPolicies.relTo;
import static io.liaison.core.TestPolicies.restrictive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.TestPolicies;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(120)
class LabelValidatorTest {
    private static final SecurityPolicy POLICY = TestPolicies.us();

    @Test
    void validLabel_hasNoProblems() {
        assertThat(LabelValidator.problems(label("SECRET", restrictive("ORCON"), relTo("USA", "JPN")), POLICY)).isEmpty();
    }

    @Test
    void unknownLevel_isRefusedNamingTheLevels() {
        assertThat(LabelValidator.problems(label("COSMIC"), POLICY)).singleElement().asString()
                .contains("classification COSMIC is not a level of policy test-us")
                .contains("UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET");
    }

    @Test
    void unknownTag_unknownValue_andWrongType_areEachNamed() {
        SecurityLabel l = label("SECRET", Category.of("Codewords", CategoryType.RESTRICTIVE, "X"),
                relTo("USA", "XYZ"), Category.of("Context", CategoryType.RESTRICTIVE, "ALPHA"));
        assertThat(LabelValidator.problems(l, POLICY)).containsExactly(
                "category Codewords is not a tag of policy test-us (tags: Dissemination Controls, Releasable To, Context, Admin)",
                "value XYZ is not a value of Releasable To (PERMISSIVE) in policy test-us",
                "category Context has Type RESTRICTIVE but policy test-us defines it as PERMISSIVE");
    }

    @Test
    void nofornWithRelTo_isRefused() {
        assertThatThrownBy(() -> LabelValidator.requireValid(label("SECRET", restrictive("NOFORN"), relTo("USA")), POLICY))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("LABEL_INVALID"))
                .hasMessageContaining("NOFORN excludes Releasable To");
    }

    @Test
    void otherPolicyIdentifier_isRefused() {
        SecurityLabel l = new SecurityLabel(PolicyIdentifier.of("NATO"), "SECRET", Optional.empty(), List.of(),
                Optional.of(Party.of("USA")), TestPolicies.T0, Optional.empty());
        assertThat(LabelValidator.problems(l, POLICY)).singleElement().asString().contains("is not policy test-us");
    }

    @Test
    void labelRecord_refusesARepeatedCategoryAndAMissingCreationTime() {
        assertThatThrownBy(() -> label("SECRET", relTo("USA"), relTo("JPN")))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> new SecurityLabel(PolicyIdentifier.of("TEST US"), "SECRET", Optional.empty(), List.of(),
                Optional.empty(), null, Optional.empty())).hasMessageContaining("CreationDateTime is required");
        assertThatThrownBy(() -> Category.of("Releasable To", CategoryType.PERMISSIVE, "USA", "USA"))
                .hasMessageContaining("repeats a value");
    }
}
