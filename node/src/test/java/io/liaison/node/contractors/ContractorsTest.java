package io.liaison.node.contractors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.approvals.Approval;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contractors (R29) on a real node: a person of a contractor facility reads nothing classified until the facility's
 * assessment is recorded and approved by a second officer, nothing above its level, nothing without a briefing and
 * nothing above the person's clearance; each refusal cites R29, and rank or role alone opens nothing.
 */
@Timeout(120)
class ContractorsTest {
    private static final Party KOR = Party.of("KOR");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private final MutableClock clock = new MutableClock(Instant.now());

    private ItemView item(Node node, User author, String title, String level) {
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), level, Optional.empty(), List.of(),
                Optional.of(KOR), clock.instant(), Optional.empty());
        return node.items().create(author, new NewItem(title, title + " text", label, Set.of(MISSILE), false, List.of(),
                "J2"));
    }

    private static String refusal(Node node, User reader, ItemView item) {
        assertThatThrownBy(() -> node.items().read(reader, item.id(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        AuditEntry e = node.audit().before(AuditLog.Viewer.SYSTEM, Long.MAX_VALUE, 50).reversed().stream()
                .filter(x -> x.event().equals("item.read")).findFirst().orElseThrow();
        assertThat(e.rule()).isEqualTo("R29");
        return e.code();
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aContractorsPersonReadsOnlyWithTheAssessmentWithinItsLevelTheBriefingAndTheClearance(TestNodes.Db db) {
        try (TestNodes.Created created = TestNodes.create(db, KOR, clock); Node node = created.open(clock)) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            User officer = TestUsers.officer(node);
            User park = TestUsers.add(node, new User("park", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                    Set.of(Role.SECURITY_OFFICER), Set.of(), true), "park long password");
            User kim = TestUsers.add(node, new User("kim", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                    Set.of(Role.ANALYST), Set.of(MISSILE), true), "kim long password");
            TestUsers.add(node, new User("lee", new Clearance("kor", "군사Ⅱ급비밀", Map.of(), KOR),
                    Set.of(Role.ANALYST, Role.RELEASING_OFFICER), Set.of(MISSILE), true), "lee long password");
            TestUsers.add(node, new User("jung", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                    Set.of(Role.ANALYST, Role.SECURITY_OFFICER), Set.of(MISSILE), true), "jung long password");
            ItemView third = item(node, kim, "Sinpo SLBM", "군사Ⅲ급비밀");
            ItemView second = item(node, kim, "Sinpo yard", "군사Ⅱ급비밀");
            ItemView first = item(node, kim, "Sinpo plan", "군사Ⅰ급비밀");
            ItemView open = item(node, kim, "Sinpo press", "평문");

            Facility hanwha = node.contractors().add(officer, "Hanwha Systems, Gumi");
            User lee = node.accounts().contractorPerson(officer, "lee", hanwha.name(), Optional.of(today));
            assertThat(lee.contractor()).hasValueSatisfying(c -> assertThat(c.assessedLevel()).isEmpty());
            // Without the assessment: nothing classified, whatever the clearance; unclassified stays open.
            assertThat(refusal(node, lee, third)).isEqualTo("CONTRACTOR_NOT_ASSESSED");
            assertThat(node.items().read(lee, open.id(), Optional.empty()).title()).isEqualTo("Sinpo press");
            node.items().flushIndex();
            assertThat(node.items().search(lee, "Sinpo", 0, 10).hits()).extracting(h -> h.id())
                    .containsExactly(open.id());

            // The assessment waits for a second officer.
            Approval asked = node.contractors().assess(officer, hanwha.id(), "군사III급비밀", "DCSA-K inspection team",
                    today.minusDays(3));
            assertThatThrownBy(() -> node.approvals().approve(officer, asked.id()))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("second security officer");
            assertThat(refusal(node, lee, third)).isEqualTo("CONTRACTOR_NOT_ASSESSED");
            node.approvals().approve(park, asked.id());
            assertThat(node.contractors().require(officer, hanwha.name()).assessedLevel()).contains("군사Ⅲ급비밀");
            lee = node.accounts().require("lee");
            assertThat(node.items().read(lee, third.id(), Optional.empty()).title()).isEqualTo("Sinpo SLBM");
            assertThat(refusal(node, lee, second)).isEqualTo("CONTRACTOR_LEVEL_EXCEEDED");
            assertThat(node.items().search(lee, "Sinpo", 0, 10).hits()).extracting(h -> h.id())
                    .containsExactlyInAnyOrder(open.id(), third.id());

            // A facility assessed higher: the person's own clearance still bounds them, cited under R29.
            Facility lig = node.contractors().add(officer, "LIG Nex1, Pangyo");
            node.approvals().approve(park, node.contractors().assess(officer, lig.id(), "군사Ⅰ급비밀", "DCSA-K",
                    today).id());
            lee = node.accounts().contractorPerson(officer, "lee", lig.id(), Optional.of(today));
            assertThat(node.items().read(lee, second.id(), Optional.empty()).title()).isEqualTo("Sinpo yard");
            assertThat(refusal(node, lee, first)).isEqualTo("CONTRACTOR_CLEARANCE_BELOW_LEVEL");

            // Rank and role alone open nothing: a security officer of a facility, not briefed.
            User jung = node.accounts().contractorPerson(officer, "jung", lig.id(), Optional.empty());
            assertThat(refusal(node, jung, third)).isEqualTo("CONTRACTOR_NOT_BRIEFED");
            assertThatThrownBy(() -> node.accounts().contractorPerson(officer, "officer", lig.id(), Optional.of(today)))
                    .isInstanceOf(ForbiddenException.class);
            assertThat(node.contractors().list(officer)).extracting(Facility::name)
                    .containsExactly("Hanwha Systems, Gumi", "LIG Nex1, Pangyo");
        }
    }
}
