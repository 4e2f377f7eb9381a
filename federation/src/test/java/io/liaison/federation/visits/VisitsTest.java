package io.liaison.federation.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.error.UnauthenticatedException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitKind;
import io.liaison.federation.Federation;
import io.liaison.federation.JpnKor;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import io.liaison.node.visits.Visit;
import io.liaison.node.visits.Visits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Visits between a JPN and a KOR node under the GSOMIA (R28, R30): JPN's security officer asks, the request travels
 * signed, KOR's security officer approves up to a level no higher than the equivalent of the clearance JPN assures,
 * the answer travels back, and KOR's admin makes the visitor account. The account reads nothing above the level,
 * for no other purpose, and nothing after the visit's last day; every refusal cites R28.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VisitsTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final Purpose PIRACY = Purpose.of("anti-piracy");
    private final MutableClock clock = new MutableClock(Instant.now());

    private Visits.Request request(LocalDate from, LocalDate until, String clearance, VisitKind kind) {
        return new Visits.Request(KOR, GSOMIA, kind, "Sato Kenji", JPN, clearance, "ROK JCS, Seoul", from, until, MISSILE);
    }

    private ItemView item(Node kor, User author, String title, String level, Purpose purpose) {
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), level, Optional.empty(), List.of(),
                Optional.of(KOR), clock.instant(), Optional.empty());
        return kor.items().create(author, new NewItem(title, title + " text", label, Set.of(purpose), false, List.of(),
                "J2"));
    }

    private static Optional<AuditEntry> last(Node node, String event) {
        List<AuditEntry> all = node.audit().before(AuditLog.Viewer.SYSTEM, Long.MAX_VALUE, 500);
        return all.reversed().stream().filter(e -> e.event().equals(event)).findFirst();
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aVisitAskedApprovedAndAnswered_givesAVisitorAccountLimitedToItsLevelPurposeAndDays(TestNodes.Db db)
            throws Exception {
        try (JpnKor nodes = new JpnKor(TestNodes.Db.H2, db, clock)) {
            Node jpn = nodes.jpn;
            Node kor = nodes.kor;
            Federation jf = nodes.jf;
            Federation kf = nodes.kf;
            User jpnOfficer = TestUsers.officer(jpn);
            User korOfficer = TestUsers.officer(kor);
            User korAdmin = TestUsers.admin(kor);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            User kim = TestUsers.add(kor, new User("kim", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                    Set.of(Role.ANALYST), Set.of(MISSILE, PIRACY), true), "a long enough password");
            ItemView within = item(kor, kim, "Sinpo SLBM", "군사Ⅲ급비밀", MISSILE);
            ItemView above = item(kor, kim, "Sinpo yard", "군사Ⅱ급비밀", MISSILE);
            ItemView otherPurpose = item(kor, kim, "Gulf of Aden convoy", "군사Ⅲ급비밀", PIRACY);

            // Asked at JPN, carried signed to KOR.
            Visit asked = jf.visits().request(jpnOfficer, request(today, today.plusDays(2), "秘", VisitKind.VISIT));
            assertThat(asked.status()).isEqualTo(Visit.Status.REQUESTED);
            assertThat(asked.side()).isEqualTo(Visit.Side.SENT);
            jf.deliverNow();
            Visit hosted = kor.visits().require(korOfficer, asked.id());
            assertThat(hosted.side()).isEqualTo(Visit.Side.RECEIVED);
            assertThat(hosted.visitor()).isEqualTo("Sato Kenji");
            assertThat(hosted.assuredClearance()).isEqualTo("秘");
            assertThat(last(jpn, "visit.request")).hasValueSatisfying(e -> assertThat(e.details()).contains("R28"));
            assertThat(last(kor, "visit.received")).hasValueSatisfying(e -> assertThat(e.subject())
                    .isEqualTo(asked.id()));

            // The requester cannot answer its own request; the host cannot approve above the equivalent.
            assertThatThrownBy(() -> jf.visits().approve(jpnOfficer, asked.id(), "秘"))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("only the host");
            assertThatThrownBy(() -> kf.visits().approve(korOfficer, asked.id(), "군사Ⅱ급비밀"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("군사Ⅱ급비밀 is above 군사Ⅲ급비밀").hasMessageContaining("R28");
            assertThatThrownBy(() -> korAdmin(kor, korAdmin, asked.id(), "sato.early"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("a visitor account is made only for a visit this party hosts and approved");

            // Approved (typed with ASCII roman numerals), carried back signed.
            Visit approved = kf.visits().approve(korOfficer, asked.id(), "군사III급비밀");
            assertThat(approved.highestLevel()).contains("군사Ⅲ급비밀");
            kf.deliverNow();
            Visit answered = jpn.visits().require(jpnOfficer, asked.id());
            assertThat(answered.status()).isEqualTo(Visit.Status.APPROVED);
            assertThat(answered.highestLevel()).contains("군사Ⅲ급비밀");
            assertThat(last(jpn, "visit.approved")).isPresent();
            assertThat(last(kor, "visit.approve")).isPresent();

            // The visitor account: made by KOR's admin from the approved visit only, once.
            User visitor = korAdmin(kor, korAdmin, asked.id(), "sato.visitor");
            assertThat(visitor.roles()).isEmpty();
            assertThat(visitor.duties()).containsExactly(MISSILE);
            assertThat(visitor.clearance().nationality()).isEqualTo(JPN);
            assertThat(visitor.visit()).hasValueSatisfying(t -> assertThat(t.until()).isEqualTo(today.plusDays(2)));
            assertThatThrownBy(() -> korAdmin(kor, korAdmin, asked.id(), "sato.again"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already has its visitor account");
            assertThatThrownBy(() -> kor.grants().request(korAdmin, "sato.visitor", Set.of(), Set.of(PIRACY),
                    Optional.of(new Clearance("kor", "군사Ⅰ급비밀", Map.of(), JPN))))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("takes no grant (R28)");

            // Reads within the visit: the level and purpose approved, nothing else.
            String token = kor.accounts().login("sato.visitor", "a visitor's password".toCharArray(), "test").token();
            User signedIn = kor.accounts().authenticate(token);
            assertThat(kor.items().read(signedIn, within.id(), Optional.empty()).title()).isEqualTo("Sinpo SLBM");
            assertThatThrownBy(() -> kor.items().read(signedIn, above.id(), Optional.empty()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(last(kor, "item.read")).hasValueSatisfying(e -> {
                assertThat(e.code()).isEqualTo("VISIT_LEVEL_EXCEEDED");
                assertThat(e.rule()).isEqualTo("R28");
            });
            assertThatThrownBy(() -> kor.items().read(signedIn, otherPurpose.id(), Optional.empty()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(last(kor, "item.read")).hasValueSatisfying(e -> assertThat(e.code())
                    .isEqualTo("VISIT_PURPOSE_OUTSIDE"));
            kor.items().flushIndex();
            assertThat(kor.items().search(signedIn, "Sinpo", 0, 10).hits()).extracting(h -> h.id())
                    .containsExactly(within.id());

            // After the last day: the account has ended, even for a token that never expires, and a read is
            // refused citing R28 even so.
            String apiToken = kor.accounts().createApiToken(signedIn, "visit").token();
            clock.advance(Duration.ofDays(3));
            assertThatThrownBy(() -> kor.accounts().authenticate(apiToken)).isInstanceOf(UnauthenticatedException.class)
                    .hasMessageContaining("valid only on the days of visit");
            assertThatThrownBy(() -> kor.accounts().login("sato.visitor", "a visitor's password".toCharArray(),
                    "test")).isInstanceOf(ForbiddenException.class).hasMessageContaining("R28");
            assertThatThrownBy(() -> kor.items().read(signedIn, within.id(), Optional.empty()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(last(kor, "item.read")).hasValueSatisfying(e -> {
                assertThat(e.code()).isEqualTo("VISIT_OUTSIDE_DATES");
                assertThat(e.rule()).isEqualTo("R28");
            });
            assertThat(kor.items().search(signedIn, "Sinpo", 0, 10).hits()).isEmpty();
        }
    }

    private static User korAdmin(Node kor, User admin, String visit, String name) {
        return kor.accounts().addVisitor(admin, visit, name, "a visitor's password".toCharArray());
    }

    @ParameterizedTest
    @EnumSource(value = TestNodes.Db.class, names = "H2")
    void aRefusalTravelsBackWithItsReason_andBadRequestsAreRefusedAtTheirSource(TestNodes.Db db) throws Exception {
        try (JpnKor nodes = new JpnKor(db, db, clock)) {
            Node jpn = nodes.jpn;
            Node kor = nodes.kor;
            Federation jf = nodes.jf;
            Federation kf = nodes.kf;
            User jpnOfficer = TestUsers.officer(jpn);
            User korOfficer = TestUsers.officer(kor);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));

            Visit reps = jf.visits().request(jpnOfficer, request(today.plusDays(10), today.plusDays(12), "極秘",
                    VisitKind.SECURITY_REPRESENTATIVE));
            assertThat(last(jpn, "visit.request")).hasValueSatisfying(e -> assertThat(e.details()).contains("R30"));
            jf.deliverNow();
            kf.visits().refuse(korOfficer, reps.id(), "the facility is closed for maintenance that week");
            kf.deliverNow();
            Visit refused = jpn.visits().require(jpnOfficer, reps.id());
            assertThat(refused.status()).isEqualTo(Visit.Status.REFUSED);
            assertThat(refused.answer()).contains("the facility is closed for maintenance that week");
            assertThatThrownBy(() -> kf.visits().approve(korOfficer, reps.id(), "군사Ⅲ급비밀"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already REFUSED");
            assertThatThrownBy(() -> kor.accounts().addVisitor(TestUsers.admin(kor), reps.id(), "no.visit",
                    "a visitor's password".toCharArray())).isInstanceOf(ConflictException.class);

            User analyst = TestUsers.add(jpn, new User("tanaka", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                    Set.of(Role.ANALYST), Set.of(MISSILE), true), "a long enough password");
            record Bad(User who, Visits.Request request, String code) {}
            for (Bad bad : List.of(
                    new Bad(analyst, request(today, today, "秘", VisitKind.VISIT), "ROLE_REQUIRED"),
                    new Bad(jpnOfficer, request(today.minusDays(1), today, "秘", VisitKind.VISIT), "VISIT_DATES_INVALID"),
                    new Bad(jpnOfficer, request(today.plusDays(2), today, "秘", VisitKind.VISIT), "VISIT_DATES_INVALID"),
                    new Bad(jpnOfficer, request(today, today.plusDays(400), "秘", VisitKind.VISIT), "VISIT_DATES_INVALID"),
                    new Bad(jpnOfficer, request(today, today, "機密", VisitKind.VISIT), "CLASSIFICATION_UNKNOWN"),
                    new Bad(jpnOfficer, new Visits.Request(JPN, GSOMIA, VisitKind.VISIT, "Sato Kenji", JPN, "秘", "x",
                            today, today, MISSILE), "VISIT_HOST_INVALID"),
                    new Bad(jpnOfficer, new Visits.Request(KOR, AgreementId.of("usa-jpn-gsomia-2007"), VisitKind.VISIT,
                            "Sato Kenji", JPN, "秘", "x", today, today, MISSILE), "PARTY_NOT_IN_AGREEMENT"),
                    new Bad(jpnOfficer, new Visits.Request(KOR, GSOMIA, VisitKind.VISIT, "Sato\u0007", JPN, "秘", "x",
                            today, today, MISSILE), "VISIT_FIELD_INVALID"))) {
                assertThatThrownBy(() -> jf.visits().request(bad.who(), bad.request()))
                        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(bad.code()));
            }
            assertThat(jpn.visits().list(jpnOfficer)).extracting(Visit::id).containsExactly(reps.id());
        }
    }
}
