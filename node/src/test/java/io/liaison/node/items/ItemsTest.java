package io.liaison.node.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.crypto.NodeSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Items on a real node, on H2 and on PostgreSQL. */
@org.junit.jupiter.api.Timeout(600)
class ItemsTest {
    static final Party KOR = Party.of("KOR");
    static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    static final Purpose NUCLEAR = Purpose.of("DPRK nuclear threat");
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));

    static User user(Node node, String name, String level, Set<Role> roles, Set<Purpose> duties) {
        User u = new User(name, new Clearance("kor", level, Map.of(), KOR), roles, duties, true);
        return io.liaison.node.TestUsers.add(node, u, "a long enough password");
    }

    static SecurityLabel label(String level, Category... cats) {
        return new SecurityLabel(PolicyIdentifier.of("ROK MND"), level, Optional.empty(), List.of(cats), Optional.of(KOR),
                Instant.parse("2020-01-01T00:00:00Z"), Optional.empty());
    }

    static NewItem item(String title, String text, SecurityLabel label, Set<Purpose> purposes) {
        return new NewItem(title, text, label, purposes, false, List.of(), "vault 3");
    }

    private void run(TestNodes.Db db, java.util.function.BiConsumer<Node, Fixture> test) {
        try (TestNodes.Created created = TestNodes.create(db, KOR, clock); Node node = created.open(clock)) {
            Fixture f = new Fixture(
                    user(node, "so", "군사Ⅰ급비밀", Set.of(Role.SECURITY_OFFICER, Role.ANALYST), Set.of(MISSILE, NUCLEAR)),
                    user(node, "analyst", "군사Ⅱ급비밀", Set.of(Role.ANALYST), Set.of(MISSILE)),
                    user(node, "junior", "군사Ⅲ급비밀", Set.of(Role.ANALYST), Set.of(MISSILE)),
                    user(node, "logistics", "군사Ⅰ급비밀", Set.of(Role.ANALYST), Set.of(Purpose.of("logistics"))));
            test.accept(node, f);
        }
    }

    record Fixture(User officer, User analyst, User junior, User logistics) {}

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void createdItem_isReadByTheClearedAndLooksMissingToOthers(TestNodes.Db db) {
        run(db, (node, f) -> {
            ItemView created = node.items().create(f.analyst(), item("Launch site imagery", "three TELs at Sohae",
                    label("군사Ⅱ급비밀"), Set.of(MISSILE)));
            assertThat(created.marking()).isEqualTo("군사Ⅱ급비밀");
            ItemView read = node.items().read(f.analyst(), created.id(), Optional.empty());
            assertThat(read.text()).contains("three TELs at Sohae");

            String missing = "kor-0000000000000000";
            Throwable denied = catchNotFound(() -> node.items().read(f.junior(), created.id(), Optional.empty()));
            Throwable absent = catchNotFound(() -> node.items().read(f.junior(), missing, Optional.empty()));
            assertThat(denied.getMessage()).isEqualTo("item " + created.id() + " not found");
            assertThat(absent.getMessage()).isEqualTo("item " + missing + " not found");
            assertThat(((NotFoundException) denied).code()).isEqualTo(((NotFoundException) absent).code());
            // Rank never grants access: a Class I user without the duty is refused too.
            catchNotFound(() -> node.items().read(f.logistics(), created.id(), Optional.empty()));

            var tail = node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 10);
            assertThat(tail).anySatisfy(e -> {
                assertThat(e.actor()).isEqualTo("junior");
                assertThat(e.code()).isEqualTo("CLEARANCE_BELOW_LEVEL");
                assertThat(e.outcome()).isEqualTo("DENY");
            });
            assertThat(tail).anySatisfy(e -> assertThat(e.code()).isEqualTo("NO_OFFICIAL_NEED"));
            assertThat(node.verifyAudit().ok()).isTrue();
        });
    }

    static List<String> keyIds(Node node) {
        return node.items().keyIds();
    }

    private static Throwable catchNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(NotFoundException.class, call);
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void contentIsEncryptedAtRestAndBoundToItsLabel(TestNodes.Db db) {
        run(db, (node, f) -> {
            ItemView created = node.items().create(f.analyst(), item("Sealed", "PLAINTEXT-MARKER-42", label("군사Ⅱ급비밀"),
                    Set.of(MISSILE)));
            byte[] ct = node.database().jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM items WHERE id = :id")
                    .bind("id", created.id()).mapTo(byte[].class).one());
            assertThat(new String(ct, StandardCharsets.ISO_8859_1)).doesNotContain("PLAINTEXT-MARKER-42");
            // Relabelling the row behind the node's back breaks the signed binding: the read fails closed.
            node.database().jdbi().useHandle(h -> h.execute("UPDATE items SET node_label = REPLACE(node_label, "
                    + "'군사Ⅱ급비밀', '군사Ⅲ급비밀'), classification = '군사Ⅲ급비밀' WHERE id = ?", created.id()));
            assertThatThrownBy(() -> node.items().read(f.analyst(), created.id(), Optional.empty()))
                    .isInstanceOf(io.liaison.core.error.IntegrityException.class)
                    .hasMessageContaining("does not match the node's signature");
            assertThat(node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 5)).last()
                    .satisfies(e -> {
                        assertThat(e.event()).isEqualTo("item.integrity");
                        assertThat(e.outcome()).isEqualTo("ALARM");
                    });
        });
    }

    @org.junit.jupiter.api.Test
    void aRead_fetchesTheRowAndItsCiphertextInOneStatement_andChecksWhatItFetched() {
        run(TestNodes.Db.H2, (node, f) -> {
            ItemView a = node.items().create(f.analyst(), item("A", "alpha text", label("군사Ⅱ급비밀"), Set.of(MISSILE)));
            ItemView b = node.items().create(f.analyst(), item("B", "bravo text", label("군사Ⅱ급비밀"), Set.of(MISSILE)));
            node.database().jdbi().useHandle(h -> h.execute("SET QUERY_STATISTICS TRUE"));
            assertThat(node.items().read(f.analyst(), a.id(), Optional.empty()).text()).contains("alpha text");
            List<Map<String, Object>> stats = node.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT sql_statement, execution_count FROM information_schema.query_statistics "
                            + "WHERE sql_statement LIKE '%FROM items%' AND sql_statement NOT LIKE '%query_statistics%'").mapToMap().list());
            assertThat(stats).as("statements on items during one read").hasSize(1)
                    .allSatisfy(r -> assertThat((String) r.get("sql_statement")).contains("i.ciphertext"));
            // The ciphertext read with the row is the one decrypted: B's content under A's row fails closed.
            node.database().jdbi().useHandle(h -> h.execute("UPDATE items SET ciphertext = (SELECT ciphertext FROM items "
                    + "WHERE id = ?) WHERE id = ?", b.id(), a.id()));
            assertThatThrownBy(() -> node.items().read(f.analyst(), a.id(), Optional.empty()))
                    .isInstanceOf(io.liaison.node.crypto.CryptoException.class);
            assertThat(node.items().read(f.analyst(), b.id(), Optional.empty()).text()).contains("bravo text");
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aLargeItem_isReadWhole_itsContentFetchedOnlyOnceTheReadIsAllowed(TestNodes.Db db) {
        run(db, (node, f) -> {
            String text = "Sinpo SLBM test stand, frame by frame. ".repeat(1_000);
            ItemView big = node.items().create(f.analyst(), item("Large", text, label("군사Ⅱ급비밀"), Set.of(MISSILE)));
            int size = node.database().jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM items WHERE id = :id")
                    .bind("id", big.id()).mapTo(byte[].class).one()).length;
            assertThat(size).isGreaterThan(ItemTable.INLINE_CIPHERTEXT);
            assertThat(ItemTable.findOrDecoyWithCiphertext(node.database().dataSource(), big.id(), ItemStore.DECOY)
                    .ciphertext()).as("a large ciphertext is not read before the decision").isEmpty();
            assertThat(node.items().read(f.analyst(), big.id(), Optional.empty()).text()).contains(text);
            assertThat(catchNotFound(() -> node.items().read(f.junior(), big.id(), Optional.empty()))).isNotNull();
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void everyFieldTheNodeServes_isSigned_soAnEditedTitleOrCreatorIsAnAlarmNotARead(TestNodes.Db db) {
        // Finding 9: an edited title was served as genuine; an edited label answered 500, audited as ALLOW.
        run(db, (node, f) -> {
            for (String edit : List.of("title = 'Forged title'", "created_by = 'junior'", "created_at = created_at + 1",
                    "purposes = '[\"DPRK missile threat\",\"logistics\"]'", "private_rights = TRUE",
                    // Labels are parsed once per distinct text and their digests kept: an edited one is a new text.
                    "node_label = REPLACE(node_label, '군사Ⅱ급비밀', '군사Ⅲ급비밀')",
                    "originator_label = REPLACE(originator_label, '군사Ⅱ급비밀', '군사Ⅲ급비밀')",
                    "originators = '[\"JPN\",\"KOR\"]'",
                    // The node remembers the signatures it made and verified; a changed one is verified again.
                    "signature = CONCAT(SUBSTRING(signature, 1, 127), CASE WHEN SUBSTRING(signature, 128, 1) = '0' "
                            + "THEN '1' ELSE '0' END)")) {
                ItemView created = node.items().create(f.analyst(), item("Genuine title", "text", label("군사Ⅱ급비밀"),
                        Set.of(MISSILE)));
                // Read once, genuine: the node remembers that these exact fields verified; the edit must not hide in it.
                assertThat(node.items().read(f.analyst(), created.id(), Optional.empty()).title())
                        .isEqualTo("Genuine title");
                node.database().jdbi().useHandle(h -> h.execute("UPDATE items SET " + edit + " WHERE id = ?", created.id()));
                long readsBefore = allowedReads(node, created.id());
                assertThatThrownBy(() -> node.items().read(f.analyst(), created.id(), Optional.empty())).as(edit)
                        .isInstanceOf(io.liaison.core.error.IntegrityException.class)
                        .extracting(e -> ((io.liaison.core.error.IntegrityException) e).code())
                        .isEqualTo("ITEM_INTEGRITY_FAILED");
                assertThat(allowedReads(node, created.id())).as(edit + ": no read was allowed").isEqualTo(readsBefore);
                assertThat(node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 5))
                        .anyMatch(e -> e.event().equals("item.integrity") && e.outcome().equals("ALARM")
                                && e.subject().equals(created.id()));
            }
        });
    }

    private static long allowedReads(Node node, String id) {
        return node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 1000).stream()
                .filter(e -> e.event().equals("item.read") && e.outcome().equals("ALLOW") && e.subject().equals(id)).count();
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void anIdThatCannotBeAnItemId_isBadInput_andTheRefusedReadIsAudited(TestNodes.Db db) {
        // Finding 6: an id over 200 characters answered 500 and the refused read was not audited.
        run(db, (node, f) -> {
            String id = "k".repeat(250);
            assertThatThrownBy(() -> node.items().read(f.junior(), id, Optional.empty()))
                    .isInstanceOf(io.liaison.core.error.InvalidInputException.class).hasMessageContaining("not an item id");
            assertThat(node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 3)).last().satisfies(e -> {
                assertThat(e.event()).isEqualTo("item.read");
                assertThat(e.code()).isEqualTo("ITEM_ID_INVALID");
                assertThat(e.subject()).hasSizeLessThanOrEqualTo(200);
            });
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void copy_inheritsTheCombinedLabelAndIsReclassifiedWithItsSource(TestNodes.Db db) {
        run(db, (node, f) -> {
            ItemView a = node.items().create(f.officer(), item("A", "alpha", label("군사Ⅲ급비밀",
                    Category.of("Releasable To", CategoryType.PERMISSIVE, "KOR", "USA")), Set.of(MISSILE)));
            ItemView b = node.items().create(f.officer(), item("B", "bravo", label("군사Ⅱ급비밀",
                    Category.of("Releasable To", CategoryType.PERMISSIVE, "KOR", "JPN")), Set.of(MISSILE)));
            ItemView copy = node.items().copies().derive(f.analyst(), List.of(a.id(), b.id()), "copy", "A+B", Optional.empty(), "desk");
            assertThat(copy.nodeLabel().classification()).isEqualTo("군사Ⅱ급비밀");
            assertThat(copy.nodeLabel().category("Releasable To", CategoryType.PERMISSIVE).orElseThrow().values())
                    .containsExactly("KOR");
            assertThat(copy.sources()).containsExactlyInAnyOrder(a.id(), b.id());
            ItemView copyOfCopy = node.items().copies().derive(f.analyst(), List.of(copy.id()), "extract", "extract",
                    Optional.of("an extract"), "desk");

            List<String> changed = node.items().reclassification().reclassify(f.officer(), b.id(), "군사Ⅰ급비밀", "new source assessment");
            assertThat(changed).containsExactly(b.id(), copy.id(), copyOfCopy.id());
            assertThat(node.items().read(f.officer(), copy.id(), Optional.empty()).nodeLabel().classification())
                    .isEqualTo("군사Ⅰ급비밀");
            assertThat(node.items().read(f.officer(), copyOfCopy.id(), Optional.empty()).marking())
                    .startsWith("군사Ⅰ급비밀");
            // The Class II analyst can no longer read the re-marked copy.
            assertThatThrownBy(() -> node.items().read(f.analyst(), copy.id(), Optional.empty()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(node.items().inventory(f.officer(), copy.id())).extracting(CustodyEvent::action)
                    .contains("re-marked 군사Ⅰ급비밀");
            long records = node.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM reclassifications WHERE cause_item = :c").bind("c", b.id()).mapTo(Long.class).one());
            assertThat(records).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void destruction_shredsTheKeyAndIssuesASignedCertificate(TestNodes.Db db) {
        run(db, (node, f) -> {
            ItemView created = node.items().create(f.officer(), item("To destroy", "secret", label("군사Ⅱ급비밀"),
                    Set.of(MISSILE)));
            assertThat(keyIds(node)).contains(created.id());
            assertThat(node.database().jdbi().withHandle(h -> h.createQuery("SELECT * FROM items WHERE id = :id")
                    .bind("id", created.id()).mapToMap().one()).keySet()).doesNotContain("wrapped_key");
            assertThatThrownBy(() -> node.items().destruction().destroy(f.analyst(), created.id(), "purpose ended"))
                    .isInstanceOf(ForbiddenException.class);
            DestructionCertificate cert = node.items().destruction().destroy(f.officer(), created.id(), "purpose ended");
            assertThat(NodeSigner.verify(node.signer().publicKey(), cert.certificate().getBytes(StandardCharsets.UTF_8),
                    HexFormat.of().parseHex(cert.signature()))).isTrue();
            assertThat(cert.certificate()).contains(created.id()).contains("crypto-shredding");
            Map<String, Object> row = node.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT ciphertext, status FROM items WHERE id = :id").bind("id", created.id()).mapToMap().one());
            assertThat(row.get("ciphertext")).isNull();
            assertThat(row.get("status")).isEqualTo("DESTROYED");
            // A backup of the database taken before destruction held only the ciphertext: the key is gone.
            assertThat(keyIds(node)).doesNotContain(created.id());
            assertThat(node.items().read(f.officer(), created.id(), Optional.empty()).text()).isEmpty();
            assertThat(node.items().search(f.officer(), "secret", 0, 10).total()).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void search_findsOnlyWhatTheUserMayRead(TestNodes.Db db) {
        run(db, (node, f) -> {
            node.items().create(f.officer(), item("Missile report one", "Hwasong launch", label("군사Ⅰ급비밀"), Set.of(MISSILE)));
            node.items().create(f.officer(), item("Missile report two", "Hwasong launch", label("군사Ⅱ급비밀"), Set.of(MISSILE)));
            node.items().create(f.officer(), item("Nuclear report", "Hwasong launch", label("군사Ⅲ급비밀"), Set.of(NUCLEAR)));
            assertThat(node.items().search(f.officer(), "Hwasong", 0, 10).total()).isEqualTo(3);
            var analyst = node.items().search(f.analyst(), "Hwasong", 0, 10);
            assertThat(analyst.total()).isEqualTo(1);
            assertThat(analyst.hits()).extracting(h -> h.title()).containsExactly("Missile report two");
            assertThat(analyst.levelFacets().get("군사Ⅰ급비밀")).isZero();
            node.accounts().suspend(io.liaison.node.TestUsers.admin(node), "analyst");
            User suspended = node.accounts().require("analyst");
            assertThat(node.items().search(suspended, "Hwasong", 0, 10).total()).isZero();
            assertThat(node.items().indexConsistent()).isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void itemAboveTheAuthorsClearance_isRefused(TestNodes.Db db) {
        run(db, (node, f) -> assertThatThrownBy(() -> node.items().create(f.junior(), item("Too high", "x",
                label("군사Ⅰ급비밀"), Set.of(MISSILE)))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("CLEARANCE_BELOW_LEVEL"));
    }
}
