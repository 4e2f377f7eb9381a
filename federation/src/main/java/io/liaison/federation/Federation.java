package io.liaison.federation;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.federation.audit.AuditExchange;
import io.liaison.federation.envelope.AgreementStates;
import io.liaison.federation.envelope.EnvelopeSealer;
import io.liaison.federation.envelope.EnvelopeVerifier;
import io.liaison.federation.envelope.RefusalAudit;
import io.liaison.federation.envelope.ReplayGuard;
import io.liaison.federation.lifecycle.Lifecycles;
import io.liaison.federation.outbox.Outbox;
import io.liaison.federation.peers.Peer;
import io.liaison.federation.peers.PeerChanges;
import io.liaison.federation.peers.Peers;
import io.liaison.federation.release.Consents;
import io.liaison.federation.release.Inbox;
import io.liaison.federation.release.Incidents;
import io.liaison.federation.release.Propagation;
import io.liaison.federation.release.Releases;
import io.liaison.federation.transport.FederationClient;
import io.liaison.federation.transport.FederationListener;
import io.liaison.federation.transport.PinnedTrust;
import io.liaison.federation.transport.TlsContexts;
import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import io.liaison.node.crypto.Pki;
import io.liaison.node.store.Migrations;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's federation, wired with constructors: its sealer and verifier, peers, outbox, inbox and releases,
 * the mutual-TLS listener, and a delivery loop that runs the outbox for every peer once a second (and at
 * once when asked). The listener and the clients trust the party CAs of the peers, as they are added, changed and
 * removed on the running node.
 */
public final class Federation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Federation.class);
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    static final Duration MAX_SKEW = Duration.ofMinutes(1);
    static final int MAX_BYTES = 32 << 20;
    /** How often each peer is sent this node's latest signed tree head. */
    static final Duration HEADS_EVERY = Duration.ofMinutes(1);
    /** How often late answers to aircraft clearance requests are looked for (R31). */
    static final Duration OVERDUE_EVERY = Duration.ofSeconds(15);

    private final Node node;
    private final Peers peers;
    private final Outbox outbox;
    private final Releases releases;
    private final Consents consents;
    private final Propagation propagation;
    private final Incidents incidents;
    private final AuditExchange auditExchange;
    private final Lifecycles lifecycles;
    private final io.liaison.federation.visits.VisitExchange visits;
    private final io.liaison.federation.aircraft.AircraftExchange aircraft;
    private final EnvelopeSealer sealer;
    private final EnvelopeVerifier verifier;
    private volatile FederationListener.Receiver hotlineReceiver;
    /** The first round of heads goes out one period after start, once peers are listening. */
    private volatile long lastHeads = System.nanoTime();
    /** The delivery loop's turn among the peers for heads and health ({@link #headsAndHealthInTurn}), and their number. */
    private int nextPeer;
    private int peerCount = 1;
    private volatile long lastOverdue = System.nanoTime();
    private final Pki.Issued tls;
    private final X509Certificate ownCa;
    private final Map<Party, FederationClient> clients = new ConcurrentHashMap<>();
    private volatile Optional<FederationListener> listener = Optional.empty();
    private final PinnedTrust trust;
    private final PeerChanges peerChanges;
    private volatile Optional<Thread> delivery = Optional.empty();
    private volatile boolean leads;
    private final String host;
    private final int port;
    private final Inbox inbox;
    private final RefusalAudit refusals;
    private final List<AutoCloseable> signalled = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Signals between replicas: a message queued (the leader delivers it), a peer changed (the leader reloads it). */
    static final String QUEUED = "outbox";
    static final String PEERS = "peers";
    private final Object wake = new Object();
    /** A wake asked while the loop was busy delivering: the loop goes round again at once (guarded by wake). */
    private boolean wakeAsked;
    private volatile boolean running = true;

    private Federation(Node node, String host, int port, Clock realTime) {
        this.node = node;
        Migrations.migrate(node.database().dataSource(), "federation");
        NodePaths paths = node.paths();
        this.peers = new Peers(node.database().jdbi(), node.audit(), node.party(), node.clock(), realTime);
        this.sealer = new EnvelopeSealer(node.party(), node.signer(),
                Pki.readCertificatePem(paths.signingCertificate()), node.clock());
        this.verifier = new EnvelopeVerifier(node.party(), peers, AgreementStates.of(() -> node.agreements().catalog()),
                new ReplayGuard(MAX_AGE, 1_000_000), node.clock(), realTime, MAX_AGE, MAX_SKEW, MAX_BYTES);
        this.outbox = new Outbox(node.database().jdbi(), sealer, verifier, node.clock(), realTime);
        // Among replicas, the leader alone listens to peers and delivers; the others queue and tell it.
        this.host = host;
        this.port = port;
        outbox.fence(node.leadership()::fence);
        outbox.onQueued(() -> {
            if (leads) {
                wake();
            } else {
                node.signals().publish(QUEUED, "");
            }
        });
        this.consents = new Consents(node.database(), node.items(), node.disclosure(), node.audit(), outbox, node.party(),
                node.clock());
        this.propagation = new Propagation(node.database(), node.items(), outbox);
        this.releases = new Releases(node.database(), node.items(), node.audit(), outbox, consents, propagation,
                node.clock());
        this.incidents = new Incidents(node.database(), node.items(), node.disclosure(), node.audit(), outbox, node.party(),
                node.clock());
        this.auditExchange = new AuditExchange(node.database().jdbi(), node.audit(), outbox, node.catalog(), node.party(),
                node.clock());
        outbox.witnessHeads(auditExchange::onReceiptHead);
        this.inbox = new Inbox(node.database(), node.items(), node.audit(), node::catalog, node.party(), sealer,
                consents, propagation, incidents, auditExchange, node.clock());
        this.lifecycles = new Lifecycles(node.database(), node.agreements(), node.audit(), outbox, node.approvals(),
                node.party(), node.clock());
        inbox.lifecycles(lifecycles);
        this.visits = new io.liaison.federation.visits.VisitExchange(node.database(), node.visits(),
                node.exercises(), outbox, node.audit());
        inbox.visits(visits);
        this.aircraft = new io.liaison.federation.aircraft.AircraftExchange(node.database(), node.aircraft(), outbox,
                node.audit());
        inbox.aircraft(aircraft);
        this.tls = new Pki.Issued(Pki.readCertificatePem(paths.tlsCertificate()), Pki.readPrivateKeyPem(paths.tlsKey()));
        this.ownCa = Pki.readCertificatePem(paths.caCertificate());
        this.trust = new PinnedTrust(peers.list().stream().map(Peer::ca).toList());
        this.peerChanges = new PeerChanges(node.database(), peers, node.approvals());
        peers.onChange(this::peerChanged);
        this.refusals = new RefusalAudit(node.database().jdbi(), node.audit());
        if (node.leadership().leading()) {
            lead();
        }
    }

    /**
     * Hotline and track envelopes go to {@code receiver} (set once, by the composition root). Until it is set
     * they are answered with an error, so the sender retries rather than taking them as refused.
     */
    public void hotline(FederationListener.Receiver receiver) {
        this.hotlineReceiver = receiver;
    }

    private FederationListener.Receiver hotline() {
        FederationListener.Receiver r = hotlineReceiver;
        if (r == null) {
            throw new IllegalStateException("the hotline is not running on this node yet");
        }
        return r;
    }

    /** Peers added, changed and removed on the running node, each with a second officer's approval. */
    public PeerChanges peerChanges() {
        return peerChanges;
    }

    /** After a committed change of {@code party}'s peer entry: trust the new set, reconnect to it. */
    private void peerChanged(Party party) {
        if (!leads) {
            node.signals().publish(PEERS, party.code());
            return;
        }
        trust.reload(peers.list().stream().map(Peer::ca).toList());
        FederationClient old = clients.remove(party);
        if (old != null) {
            old.close();
        }
        outbox.retryNow(party);
        wake();
    }

    /** The URL peers reach this node at, for people ({@code serve} prints it) and for {@code peer} commands. */
    public Optional<String> endpoint(String host) {
        return port().map(p -> "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + p);
    }

    private void recordEndpoint(NodePaths paths, String host) {
        endpoint(host).ifPresent(url -> {
            try {
                java.nio.file.Files.writeString(paths.federationEndpoint(), url + "\n");
            } catch (java.io.IOException e) {
                LOG.warn("cannot record the federation URL in {}: {}", paths.federationEndpoint(), e.toString());
            }
        });
    }

    /** Seals envelopes with this node's key. */
    public EnvelopeSealer sealer() {
        return sealer;
    }

    /** The gate every envelope from a peer passes, receipts included. */
    public EnvelopeVerifier verifier() {
        return verifier;
    }

    /** The mutual-TLS client to a peer, made once and kept. */
    public FederationClient clientFor(Party party) {
        return client(party);
    }

    /**
     * Drops the client for {@code party} and its kept-alive connections: after a request to it timed out, those
     * connections may be dead (a cut link), and each would cost another timeout; the next request connects anew.
     */
    public void reconnect(Party party) {
        FederationClient old = clients.remove(party);
        if (old != null) {
            // Closing waits for the requests in flight on it, which end or time out on their own: not in the caller.
            Thread.ofVirtual().name("liaison-client-close").start(old::close);
        }
    }

    /** Starts federation for an open node; the listener on {@code host:port} (0: any free port). */
    public static Federation start(Node node, String host, int port) {
        return start(node, host, port, Clock.systemUTC());
    }

    /**
     * As above; {@code realTime} schedules retries and checks certificates and freshness, and stays real time when the
     * node runs on a simulated clock (the demo), or a failed attempt would wait for simulated time that never passes.
     */
    public static Federation start(Node node, String host, int port, Clock realTime) {
        return new Federation(node, host, port, realTime);
    }

    private void deliverLoop() {
        while (running) {
            try {
                headsAndHealthInTurn();
                if (System.nanoTime() - lastOverdue > OVERDUE_EVERY.toNanos()) {
                    lastOverdue = System.nanoTime();
                    node.aircraft().raiseOverdue();
                }
                deliverNow();
                synchronized (wake) {
                    if (!wakeAsked) {
                        wake.wait(1_000);
                    }
                    wakeAsked = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("federation delivery failed, will retry: {}", e.toString());
            }
        }
    }

    /** One delivery round to every peer; also records each peer's health. */
    public synchronized void deliverNow() throws InterruptedException {
        for (Peer p : peers.list()) {
            Outbox.Round r = outbox.deliverDue(p.party(), this::client);
            if (r.delivered() > 0 || r.failure().isPresent()) {
                peers.contacted(p.party(), r.failure().isEmpty(), r.failure());
            }
        }
    }

    /**
     * Each peer gets this node's signed audit head and, when nothing is queued for it, a health check once every
     * {@link #HEADS_EVERY}, one peer after another across that period rather than all at once: with many peers, a
     * burst at the minute would hold up the releases queued behind it (docs/benchmarks.md, the coalition).
     */
    private void headsAndHealthInTurn() {
        long now = System.nanoTime();
        long slot = HEADS_EVERY.toNanos() / Math.max(1, peerCount);
        if (now - lastHeads <= slot) {
            return;
        }
        List<Peer> all = peers.list();
        peerCount = all.size();
        lastHeads = now;
        if (all.isEmpty()) {
            return;
        }
        Peer next = all.get(Math.floorMod(nextPeer++, all.size()));
        auditExchange.sendHeads(List.of(next.party()));
        checkHealth(List.of(next));
    }

    /**
     * Sends a HEALTH envelope to every peer with nothing queued, so that {@code peer list} shows the link as
     * UP or DOWN even when no traffic flows; a peer with messages queued is checked by their delivery.
     */
    public void checkHealth() {
        checkHealth(peers.list());
    }

    private void checkHealth(List<Peer> which) {
        for (Peer p : which) {
            if (!outbox.waiting(p.party())) {
                Optional<AgreementId> agreement = node.catalog().agreements().stream()
                        .filter(a -> a.isParty(node.party()) && a.isParty(p.party())).map(a -> a.id()).sorted().findFirst();
                agreement.ifPresent(a -> node.database().useTransaction(tx -> outbox.enqueue(tx, p.party(),
                        io.liaison.federation.envelope.EnvelopeType.HEALTH, a, Optional.empty(),
                        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
        }
    }

    /** Asks the delivery loop to run now rather than at its next tick. */
    public void wake() {
        synchronized (wake) {
            wakeAsked = true;
            wake.notifyAll();
        }
    }

    private FederationClient client(Party party) {
        return clients.computeIfAbsent(party, x -> {
            Peer p = peers.find(x).orElseThrow(() -> new IllegalStateException("party " + x + " is not a peer"));
            return new FederationClient(p.url(), TlsContexts.mutual(tls, ownCa, List.of(p.ca())), Duration.ofSeconds(10));
        });
    }

    public Peers peers() {
        return peers;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Releases releases() {
        return releases;
    }

    public Consents consents() {
        return consents;
    }

    public Propagation propagation() {
        return propagation;
    }

    public Incidents incidents() {
        return incidents;
    }

    public Lifecycles lifecycles() {
        return lifecycles;
    }

    /** Diplomatic clearances for military aircraft with the peers (R31). */
    public io.liaison.federation.aircraft.AircraftExchange aircraft() {
        return aircraft;
    }

    /** Visit requests and answers with the peers (R28, R30). */
    public io.liaison.federation.visits.VisitExchange visits() {
        return visits;
    }

    public AuditExchange auditExchange() {
        return auditExchange;
    }

    /** Queues this node's latest signed tree head for every peer that has not seen it. */
    public int sendAuditHeads() {
        return auditExchange.sendHeads(peers.list().stream().map(Peer::party).toList());
    }

    /** The listener's port, when it runs. */
    public Optional<Integer> port() {
        return listener.map(FederationListener::port);
    }

    public Node node() {
        return node;
    }


    /**
     * This replica leads from now on (a node without replicas leads from the start): it listens to peers, delivers,
     * and hears what the other replicas queued. What they queued before is in the outbox, delivered from there.
     */
    public synchronized void lead() {
        if (leads || !running) {
            return;
        }
        // The listener runs from the start, so that its address is known before any peer is added; until one is, it
        // trusts no party CA and no connection gets past the handshake.
        this.listener = Optional.of(FederationListener.start(host, port, TlsContexts.mutual(tls, ownCa, trust),
                verifier, MAX_BYTES, new FederationListener.Receiver() {
                    @Override
                    public byte[] handle(io.liaison.federation.envelope.VerifiedEnvelope v) {
                        return v.type().hotline() ? hotline().handle(v) : inbox.handle(v);
                    }

                    @Override
                    public Answers answerAll(List<io.liaison.federation.envelope.VerifiedEnvelope> envelopes) {
                        if (envelopes.stream().noneMatch(e -> e.type().hotline())) {
                            return inbox.answerAll(envelopes);
                        }
                        if (envelopes.stream().allMatch(e -> e.type().hotline())) {
                            List<byte[]> receipts = hotline().handleAll(envelopes);
                            return new Answers(receipts, receipts.size());
                        }
                        return FederationListener.Receiver.super.answerAll(envelopes);
                    }
                }, refusals::record));
        recordEndpoint(node.paths(), host);
        this.delivery = Optional.of(Thread.ofPlatform().daemon().name("liaison-federation-delivery")
                .start(this::deliverLoop));
        signalled.add(node.signals().on(QUEUED, x -> wake()));
        signalled.add(node.signals().on(PEERS, x -> peers.changed(Party.of(x))));
        leads = true;
    }

    /** Whether this replica leads: it listens to peers and delivers (a node without replicas always does). */
    public boolean leads() {
        return leads;
    }

    @Override
    public void close() {
        running = false;
        for (AutoCloseable c : signalled) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("unsubscribing: {}", e.toString());
            }
        }
        wake();
        try {
            if (delivery.isPresent()) {
                delivery.get().join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.ifPresent(FederationListener::close);
        clients.values().forEach(FederationClient::close);
    }
}
