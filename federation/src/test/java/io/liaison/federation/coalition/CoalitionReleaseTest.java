package io.liaison.federation.coalition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.coalition.CoalitionCatalog;
import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.federation.release.Consents;
import io.liaison.node.Node;
import io.liaison.node.NodeInit;
import io.liaison.node.NodePaths;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.FaultInjector;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members of a generated coalition (USA, GBR, FRA), each node created from the coalition's catalog directory: a
 * bilateral release is translated by the generated table, and the relay goes through the hub with the originator's
 * consent only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CoalitionReleaseTest {
    private static final Purpose OPS = Purpose.of("coalition operations");
    private static final Purpose RELAY = Purpose.of(CoalitionCatalog.RELAY_PURPOSE);
    private static final Party USA = Party.of("USA");
    private static final Party GBR = Party.of("GBR");
    private static final Party FRA = Party.of("FRA");

    @TempDir
    Path root;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<Party, Node> nodes = new LinkedHashMap<>();
    private final Map<Party, Federation> feds = new LinkedHashMap<>();
    private final Map<Party, User> ops = new LinkedHashMap<>();
    private final CoalitionCatalog coalition = CoalitionCatalog.of(3);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable a : open.reversed()) {
            a.close();
        }
    }

    private void start() throws Exception {
        Path catalog = root.resolve("catalog");
        coalition.write(catalog);
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Node.Options options = TestNodes.options(Optional.empty(), FaultInjector.NONE);
        for (Party p : coalition.members()) {
            Path dir = root.resolve(p.code());
            NodeInit.init(dir, p, Optional.of(TestNodes.ADMIN_PASSWORD), Optional.of(TestNodes.OFFICER_PASSWORD),
                    Optional.empty(), Optional.of(catalog), clock, random, options);
            Node node = Node.open(new NodePaths(dir), clock, random, options);
            open.add(node);
            nodes.put(p, node);
            ops.put(p, TestUsers.add(node, new User("ops", new Clearance(coalition.policyId(p), coalition.level(p, 2),
                    Map.of(), p), Set.of(Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER), Set.of(OPS, RELAY),
                    true), "a long coalition password"));
        }
        Node[] all = nodes.values().toArray(Node[]::new);
        Map<Party, Integer> ports = Peering.ports(all);
        Peering.connect(ports, all);
        for (Party p : coalition.members()) {
            Federation f = Federation.start(nodes.get(p), "127.0.0.1", ports.get(p));
            open.add(f);
            feds.put(p, f);
        }
    }

    private String file(Party p, Purpose purpose, String title) {
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of(nodes.get(p).policy().name()), coalition.level(p, 2),
                Optional.empty(), List.of(), Optional.of(p), Clock.systemUTC().instant(), Optional.empty());
        return nodes.get(p).items().create(ops.get(p), new NewItem(title, "text of " + title, label, Set.of(purpose), false,
                List.of(), "J2")).id();
    }

    private void deliver() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            for (Federation f : feds.values()) {
                f.deliverNow();
            }
        }
    }

    private ItemView only(Party at, String word) {
        var page = nodes.get(at).items().search(ops.get(at), word, 0, 10);
        assertThat(page.total()).as(word + " at " + at).isEqualTo(1);
        return nodes.get(at).items().read(ops.get(at), page.hits().getFirst().id(), Optional.empty());
    }

    @Test
    void aBilateralRelease_arrivesMarkedInTheReceiversGeneratedPolicy() throws Exception {
        start();
        String item = file(GBR, OPS, "Brest harbour");
        var released = feds.get(GBR).releases().release(ops.get(GBR), item, FRA, OPS,
                AgreementId.of(coalition.bilateralId(GBR, FRA)));
        assertThat(released.envelope()).as(released.decision().toString()).isPresent();
        deliver();
        assertThat(feds.get(GBR).outbox().receipt(released.envelope().get())).isPresent();
        ItemView at = only(FRA, "Brest");
        assertThat(at.nodeLabel().classification()).isEqualTo("FRA SECRET");
        assertThat(at.marking()).contains("GBR").contains("FRA SECRET");
    }

    @Test
    void theRelay_goesThroughTheHubWithTheOriginatorsConsent_andNeverDirectly() throws Exception {
        start();
        AgreementId relay = AgreementId.of(coalition.relayId());
        String item = file(GBR, RELAY, "Kaliningrad launch");
        assertThat(feds.get(GBR).releases().preview(ops.get(GBR), item, FRA, RELAY, relay).rule())
                .isEqualTo("R21");
        assertThat(feds.get(GBR).releases().release(ops.get(GBR), item, USA, RELAY, relay).envelope()).isPresent();
        deliver();
        ItemView atHub = only(USA, "Kaliningrad");
        assertThat(feds.get(USA).releases().release(ops.get(USA), atHub.id(), FRA, RELAY, relay).envelope()).isEmpty();
        Consents.Request asked = feds.get(USA).consents().request(ops.get(USA), atHub.id(), FRA, RELAY, "relay to FRA");
        deliver();
        feds.get(GBR).consents().grant(ops.get(GBR), asked.id(), Optional.empty());
        deliver();
        assertThat(feds.get(USA).releases().release(ops.get(USA), atHub.id(), FRA, RELAY, relay).envelope()).isPresent();
        deliver();
        ItemView relayed = only(FRA, "Kaliningrad");
        assertThat(relayed.nodeLabel().classification()).isEqualTo("FRA SECRET");
    }

    @Test
    void aNodeOfAMemberWithoutTheCatalog_isRefused_andACatalogThatIsNotThereToo() {
        Node.Options options = TestNodes.options(Optional.empty(), FaultInjector.NONE);
        assertThatThrownBy(() -> NodeInit.init(root.resolve("gbr"), GBR, Optional.of(TestNodes.ADMIN_PASSWORD),
                Optional.of(TestNodes.OFFICER_PASSWORD), Optional.empty(), Clock.systemUTC(), new SecureRandom(), options))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("party GBR has no policy in the catalog");
        assertThatThrownBy(() -> NodeInit.init(root.resolve("gbr"), GBR, Optional.of(TestNodes.ADMIN_PASSWORD),
                Optional.of(TestNodes.OFFICER_PASSWORD), Optional.empty(), Optional.of(root.resolve("nowhere")),
                Clock.systemUTC(), new SecureRandom(), options)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("catalog directory").hasMessageContaining("nowhere");
    }
}
