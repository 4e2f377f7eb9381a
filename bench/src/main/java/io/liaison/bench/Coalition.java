package io.liaison.bench;

import io.liaison.catalog.coalition.CoalitionCatalog;
import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.federation.release.Consents;
import io.liaison.federation.release.Releases;
import io.liaison.node.items.FaultInjector;
import io.liaison.node.Node;
import io.liaison.node.NodeInit;
import io.liaison.node.NodePaths;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.NewItem;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The members' nodes of a generated coalition in this JVM, each with its own embedded database, federation
 * listener (mutual TLS 1.3 on loopback) and delivery loop, every member a peer of every other; one officer per node
 * who files, releases, and grants the originator's consent for the trilateral relay.
 */
final class Coalition implements AutoCloseable {
    static final Purpose OPERATIONS = Purpose.of("coalition operations");
    static final Purpose RELAY = Purpose.of(CoalitionCatalog.RELAY_PURPOSE);
    private static final String TEXT = "Track of a ballistic launch; impact point 80 km off the coast; apogee 550 km. ".repeat(6);

    /** A member's running node. */
    record Member(Party party, Node node, Federation federation, User officer) {}

    final CoalitionCatalog catalog;
    final Map<Party, Member> members = new LinkedHashMap<>();
    private final Clock clock;
    /** Items received by the hub under the relay whose consent was asked, and consents used; the relay worker's. */
    private final Set<String> asked = new HashSet<>();
    private final Set<String> relayed = new HashSet<>();
    private final java.util.concurrent.atomic.AtomicReference<String> firstRefusal = new java.util.concurrent.atomic.AtomicReference<>();

    private Coalition(CoalitionCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Creates and starts {@code size} members' nodes under {@code root}. */
    static Coalition start(int size, Path root, Clock clock) throws Exception {
        CoalitionCatalog cc = CoalitionCatalog.of(size);
        Path catalogDir = root.resolve("catalog");
        cc.write(catalogDir);
        Coalition c = new Coalition(cc, clock);
        SecureRandom random = new SecureRandom();
        Node.Options o = TestNodes.options(Optional.empty(), FaultInjector.NONE);
        Node.Options options = new Node.Options(o.databaseUrl(), o.databaseUser(), o.databasePassword(), 4, o.hasher(),
                o.faults());
        Map<Party, Node> nodes = new LinkedHashMap<>();
        for (Party p : cc.members()) {
            Path dir = root.resolve(p.code());
            NodeInit.init(dir, p, Optional.of(TestNodes.ADMIN_PASSWORD), Optional.of(TestNodes.OFFICER_PASSWORD),
                    Optional.empty(), Optional.of(catalogDir), clock, random, options);
            nodes.put(p, Node.open(new NodePaths(dir), clock, random, options));
        }
        Node[] all = nodes.values().toArray(Node[]::new);
        Map<Party, Integer> ports = Peering.ports(all);
        Peering.connect(ports, all);
        for (Party p : cc.members()) {
            Node node = nodes.get(p);
            User officer = TestUsers.add(node, new User("ops", new Clearance(cc.policyId(p), cc.level(p, 2), Map.of(), p),
                    Set.of(Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER), Set.of(OPERATIONS, RELAY), true),
                    "a long coalition password".toCharArray());
            c.members.put(p, new Member(p, node, Federation.start(node, "127.0.0.1", ports.get(p)), officer));
        }
        return c;
    }

    /** Files an item at {@code from} about {@code purpose}, CONFIDENTIAL or SECRET rank, and returns its id. */
    String file(Party from, int k, Purpose purpose) {
        Member m = members.get(from);
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of(m.node().policy().name()), catalog.level(from, 1 + Math.floorMod(k, 2)),
                Optional.empty(), List.of(), Optional.of(from), clock.instant(), Optional.empty());
        return m.node().items().create(m.officer(), new NewItem("report " + k + " of " + from, TEXT, label,
                Set.of(purpose), false, List.of(), "J2")).id();
    }

    /** Releases an item of {@code from} to {@code to} under their bilateral agreement; true when it was queued. */
    boolean releaseBilateral(Party from, String itemId, Party to) {
        Member m = members.get(from);
        return queued(m.federation().releases().release(m.officer(), itemId, to, OPERATIONS,
                AgreementId.of(catalog.bilateralId(from, to))));
    }

    /** Releases a spoke's item to the hub under the relay. */
    boolean releaseToHub(Party spoke, String itemId) {
        Member m = members.get(spoke);
        return queued(m.federation().releases().release(m.officer(), itemId, hub(), RELAY,
                AgreementId.of(catalog.relayId())));
    }

    /** Whether the release was queued; the first refusal's reason is printed, so that a refused run says why. */
    private boolean queued(Releases.Released r) {
        if (r.envelope().isEmpty() && firstRefusal.compareAndSet(null, r.decision().toString())) {
            System.err.println("first refusal: " + r.decision());
        }
        return r.envelope().isPresent();
    }

    Party hub() {
        return catalog.trilateral().getFirst();
    }

    /**
     * One round of the relay: the hub asks the originator's consent for what it received under the relay, each
     * originator's officer grants what is asked of it, and the hub relays what was granted. Returns the number of
     * relays made.
     */
    synchronized int relayRound() {
        Member hub = members.get(hub());
        List<String> received = hub.node().database().jdbi().withHandle(h -> h.createQuery("SELECT item_id FROM "
                + "received_items WHERE agreement = :a").bind("a", catalog.relayId()).mapTo(String.class).list());
        for (String item : received) {
            if (asked.add(item)) {
                Party from = hub.node().database().jdbi().withHandle(h -> h.createQuery("SELECT from_party FROM "
                        + "received_items WHERE item_id = :i").bind("i", item).mapTo(String.class).map(Party::of).one());
                Party other = catalog.trilateral().stream().filter(p -> !p.equals(hub()) && !p.equals(from)).findFirst()
                        .orElseThrow();
                hub.federation().consents().request(hub.officer(), item, other, RELAY, "relay to " + other);
            }
        }
        for (Party spoke : catalog.trilateral().subList(1, 3)) {
            Member s = members.get(spoke);
            for (Consents.Request r : s.federation().consents().requests(s.officer(), Consents.Side.ORIGINATOR)) {
                if (r.status() == Consents.Status.PENDING) {
                    s.federation().consents().grant(s.officer(), r.id(), Optional.empty());
                }
            }
        }
        int n = 0;
        for (Consents.Request r : hub.federation().consents().requests(hub.officer(), Consents.Side.HOLDER)) {
            if (r.status() == Consents.Status.GRANTED && relayed.add(r.id())) {
                hub.federation().releases().release(hub.officer(), r.itemId(), r.thirdParty(), RELAY,
                        AgreementId.of(catalog.relayId()));
                n++;
            }
        }
        return n;
    }

    /** Relays asked for and not yet made. */
    synchronized int relaysOutstanding() {
        return asked.size() - relayed.size();
    }

    /** Messages queued and not yet receipted, over every member. */
    long undelivered() {
        long n = 0;
        for (Member m : members.values()) {
            n += m.node().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE delivered_at "
                    + "IS NULL").mapTo(Long.class).one());
        }
        return n;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        for (Member m : members.values()) {
            all.add(m.federation());
            all.add(m.node());
        }
        for (AutoCloseable a : all) {
            try {
                a.close();
            } catch (Exception e) {
                System.err.println("closing: " + e);
            }
        }
    }
}
