package io.liaison.node;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Grants;
import io.liaison.node.accounts.LoginThrottle;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.approvals.Approvals;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.AuditVerifier;
import io.liaison.node.audit.Verification;
import io.liaison.node.config.NodeConfig;
import io.liaison.node.crypto.ItemCipher;
import io.liaison.node.crypto.MasterKey;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.PasswordHasher;
import io.liaison.node.crypto.Pki;
import io.liaison.node.items.FaultInjector;
import io.liaison.node.items.ItemKeys;
import io.liaison.node.items.Items;
import io.liaison.node.search.SearchIndex;
import io.liaison.node.store.Database;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One party's node, wired once with constructors: configuration, keys, database, catalog, decision
 * engine, audit log, accounts, items and search. The composition root of the node module.
 */
public final class Node implements AutoCloseable {
    /** How long the audit sequencer waits after a write for more entries to share its round and signed head. */
    static final java.time.Duration SEQUENCER_LINGER = java.time.Duration.ofMillis(10);
    /** Failed logins for one account from one address, and from one address for any, within the window. */
    static final int LOGIN_FAILURES_PER_ACCOUNT = 5;
    /** The signal that the policies or agreements in force changed on a replica. */
    static final String CATALOG_CHANGED = "catalog";
    static final int LOGIN_FAILURES_PER_ADDRESS = 20;
    static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);

    private final NodePaths paths;
    private final NodeConfig config;
    private final io.liaison.node.policies.PolicyBook policies;
    private final String policyId;
    private final Database database;
    private final NodeSigner signer;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Grants grants;
    private final Approvals approvals;
    private final io.liaison.node.disclosure.Disclosure disclosure;
    private final Items items;
    private final SearchIndex index;
    private final ItemKeys keys;
    private final Clock clock;

    private final AgreementLedger agreements;
    private final io.liaison.node.cluster.Leadership leadership;
    private final io.liaison.node.cluster.Signals signals;

    /** Which replica leads the node, and the fence of the writes only the leader may make. */
    public io.liaison.node.cluster.Leadership leadership() {
        return leadership;
    }

    /** Signals to and from the node's other replicas ({@link io.liaison.node.cluster.Signals#NONE} without them). */
    public io.liaison.node.cluster.Signals signals() {
        return signals;
    }
    private final io.liaison.node.visits.Visits visits;
    private final io.liaison.node.contractors.Contractors contractors;
    private final io.liaison.node.exercises.Exercises exercises;
    private final io.liaison.node.aircraft.AircraftClearances aircraft;

    /** The agreements with their lifecycle as this node recorded it (R17). */
    private final ItemCipher cipher;

    public AgreementLedger agreements() {
        return agreements;
    }

    private Node(NodePaths paths, NodeConfig config, io.liaison.node.policies.PolicyBook policies, String policyId,
            Database database,
            NodeSigner signer, AuditLog audit, Accounts accounts, Grants grants, Approvals approvals, Items items,
            SearchIndex index, ItemKeys keys, Clock clock, AgreementLedger agreements, ItemCipher cipher,
            io.liaison.node.cluster.Leadership leadership, io.liaison.node.cluster.Signals signals,
            io.liaison.node.visits.Visits visits, io.liaison.node.contractors.Contractors contractors,
            io.liaison.node.exercises.Exercises exercises, io.liaison.node.aircraft.AircraftClearances aircraft) {
        this.approvals = approvals;
        this.leadership = leadership;
        this.signals = signals;
        this.agreements = agreements;
        this.visits = visits;
        this.contractors = contractors;
        this.exercises = exercises;
        this.aircraft = aircraft;
        this.cipher = cipher;
        this.paths = paths;
        this.config = config;
        this.policies = policies;
        this.policyId = policyId;
        this.database = database;
        this.signer = signer;
        this.audit = audit;
        this.accounts = accounts;
        this.grants = grants;
        this.disclosure = new io.liaison.node.disclosure.Disclosure(items, this::policy);
        this.items = items;
        this.index = index;
        this.keys = keys;
        this.clock = clock;
    }

    /** Options that tests and benchmarks change; production uses {@link #defaults()}. */
    /**
     * How to open a node. The agreements named in {@code agreementsFromMessages} start with no events and
     * their lifecycle moves only by signed messages between the nodes (R17); for the others, the catalog's
     * dated events hold until the first message about that agreement continues them.
     */
    public record Options(Optional<String> databaseUrl, String databaseUser, String databasePassword, int poolSize,
            PasswordHasher hasher, FaultInjector faults, Set<AgreementId> agreementsFromMessages, Optional<String> replica) {
        public Options {
            agreementsFromMessages = Set.copyOf(agreementsFromMessages);
        }

        public Options(Optional<String> databaseUrl, String databaseUser, String databasePassword, int poolSize,
                PasswordHasher hasher, FaultInjector faults) {
            this(databaseUrl, databaseUser, databasePassword, poolSize, hasher, faults, Set.of(), Optional.empty());
        }

        public Options withAgreementsFromMessages(AgreementId... agreements) {
            return new Options(databaseUrl, databaseUser, databasePassword, poolSize, hasher, faults, Set.of(agreements),
                    replica);
        }

        /**
         * One of several replicas of the node on its PostgreSQL database ({@code serve --replica NAME}): it keeps its
         * search index in {@code replicas/NAME/index} and signals the others.
         */
        public Options asReplica(String name) {
            return new Options(databaseUrl, databaseUser, databasePassword, poolSize, hasher, faults,
                    agreementsFromMessages, Optional.of(name));
        }

        @Override
        public String toString() {
            return "Options[db=" + databaseUrl.map(Database::redact).orElse("embedded") + ", pool=" + poolSize + "]";
        }
    }

    public static Options defaults(SecureRandom random) {
        return new Options(Optional.empty(), "postgres", "", 16, PasswordHasher.defaults(random), FaultInjector.NONE);
    }

    /** Opens the node in {@code paths}: validates the configuration, loads the keys, migrates the database. */
    public static Node open(NodePaths paths, Clock clock, SecureRandom random, Options options) {
        NodeConfig config = NodeConfig.read(paths.dir());
        io.liaison.catalog.CatalogFiles files = io.liaison.catalog.CatalogFiles.read(paths.catalog());
        Catalog catalog = files.catalog();
        SecurityPolicy policy = catalog.policy(config.policy()).orElseThrow(() -> new InvalidInputException("CONFIG_POLICY",
                paths.config() + ": policy " + config.policy() + " is not in the catalog"));
        Party party = Party.of(config.party());
        if (!policy.owner().equals(party)) {
            throw new InvalidInputException("CONFIG_POLICY", paths.config() + ": policy " + policy.id() + " belongs to "
                    + policy.owner() + ", not to " + party);
        }
        NodeSigner signer = NodeSigner.load(paths.signingKey());
        ensureSigningCertificate(paths, party, config.nodeName(), signer, clock, random);
        MasterKey master = MasterKey.load(paths.masterKey());
        String url = options.databaseUrl().or(config::database).orElse(paths.h2Url());
        String user = url.startsWith("jdbc:h2:") ? "sa" : Optional.ofNullable(config.dbUser()).orElse(options.databaseUser());
        String password = url.startsWith("jdbc:h2:") ? "" : options.databasePassword();
        Database db = Database.open(url, user, password, options.poolSize());
        ItemKeys[] opened = {null};
        io.liaison.node.cluster.Signals signals = io.liaison.node.cluster.Signals.NONE;
        try {
            io.liaison.node.cluster.Leadership leadership = options.replica().isEmpty()
                    ? io.liaison.node.cluster.Leadership.alone()
                    : io.liaison.node.cluster.Leadership.replica(options.replica().get(), url, user, password, db);
            if (leadership.replicated()) {
                signals = new io.liaison.node.cluster.PgSignals(db.dataSource(), url, user, password);
            }
            io.liaison.node.audit.HeadAnchor anchor = new io.liaison.node.audit.HeadAnchor(paths.auditAnchor());
            keepEvidenceOfALostTail(anchor, db, signer, clock);
            AuditLog audit = new AuditLog(db.jdbi(), db.dataSource(), signer, clock, Optional.of(anchor));
            Approvals approvals = new Approvals(db, audit, clock, random);
            io.liaison.node.policies.PolicyBook book = new io.liaison.node.policies.PolicyBook(db, audit, approvals,
                    clock, files.policyFiles());
            AgreementLedger ledger = new AgreementLedger(db.jdbi(), catalog, options.agreementsFromMessages(),
                    book::policies);
            String policyId = policy.id();
            java.util.function.Supplier<SecurityPolicy> own = () -> ledger.catalog().requirePolicy(policyId);
            java.util.function.Supplier<io.liaison.core.access.AccessControl> access = () -> ledger.catalog()
                    .accessControl(policyId);
            Accounts accounts = new Accounts(db, audit, options.hasher(), random, clock, access,
                    new LoginThrottle(db.jdbi(), clock, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS,
                            LOGIN_WINDOW));
            Grants grants = new Grants(db.jdbi(), audit, clock, random, access);
            java.nio.file.Path indexDir = options.replica().map(paths::replicaIndex).orElse(paths.index());
            Files.createDirectories(indexDir);
            SearchIndex index = SearchIndex.open(indexDir, own.get());
            book.onChange(b -> {
                ledger.reload();
                index.use(own.get());
            });
            // A policy version or agreement step approved on another replica is in force here from its signal on.
            io.liaison.node.cluster.Signals told = signals;
            ledger.onReload(() -> told.publish(CATALOG_CHANGED, ""));
            signals.on(CATALOG_CHANGED, x -> Thread.ofVirtual().start(() -> {
                book.reload();
                ledger.reloadHere();
                index.use(own.get());
            }));
            ItemKeys keys = new ItemKeys(paths.itemKeys());
            opened[0] = keys;
            ItemCipher cipher = new ItemCipher(master, random);
            Items items = new Items(db, audit, cipher, signer, ledger::engine,
                    own, party, index, clock, random, config.attachmentLimit(), options.faults(), keys, signals);
            if (!leadership.replicated()) {
                // Among replicas, a key without its item may be one another replica is storing right now.
                items.sweepKeys();
            }
            if (!items.indexConsistent()) {
                items.rebuildIndex();
            }
            audit.sequence();
            audit.start(SEQUENCER_LINGER);
            io.liaison.node.visits.Visits visits = new io.liaison.node.visits.Visits(db, audit, ledger, own, party,
                    clock, random);
            return new Node(paths, config, book, policyId, db, signer, audit, accounts, grants, approvals, items, index,
                    keys, clock, ledger, cipher, leadership, signals, visits, new io.liaison.node.contractors.Contractors(db, audit, approvals,
                    own, clock, random), new io.liaison.node.exercises.Exercises(db, audit, visits, own, party, clock,
                    random), new io.liaison.node.aircraft.AircraftClearances(db, audit, visits, party, clock, random));
        } catch (java.io.IOException e) {
            signals.close();
            closeAfterFailure(db, opened[0]);
            throw new InvalidInputException("NODE_DIR", "cannot use " + paths.index() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            signals.close();
            closeAfterFailure(db, opened[0]);
            throw e;
        }
    }

    /**
     * At start: when the head kept outside the database is no longer a head of the log in it (entries and heads were
     * deleted, or rewritten), the evidence is kept aside for good, so that it is not overwritten by the next head, and
     * every verification from now on reports it; the alarm is logged.
     */
    private static void keepEvidenceOfALostTail(io.liaison.node.audit.HeadAnchor anchor, Database db, NodeSigner signer,
            Clock clock) {
        Optional<io.liaison.node.audit.SignedHead> kept = anchor.last();
        if (kept.isEmpty()) {
            return;
        }
        // The head is in the database as it was signed: nothing was lost (a full verification is not needed to start).
        boolean present = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_heads WHERE tree_size = :s "
                + "AND root_hash = :r AND signature = :sig").bind("s", kept.get().treeSize()).bind("r", kept.get().rootHash())
                .bind("sig", kept.get().signature()).mapTo(Long.class).one()) > 0;
        if (present) {
            return;
        }
        Verification v = AuditVerifier.verify(db.jdbi(), signer.publicKey(), List.of(new AuditVerifier.Witness(kept.get(),
                anchor.file().getFileName().toString())));
        java.nio.file.Path aside = anchor.file().resolveSibling(anchor.file().getFileName() + ".lost-" + clock.millis());
        try {
            Files.move(anchor.file(), aside);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot keep the evidence of a damaged audit log in " + aside, e);
        }
        org.slf4j.LoggerFactory.getLogger(Node.class).error("AUDIT ALARM: {}; the head kept outside the database is "
                + "preserved in {}", v.problem(), aside);
    }

    /** The heads kept outside the database: the last one and any a damaged log left behind. */
    public List<AuditVerifier.Witness> keptHeads() {
        List<AuditVerifier.Witness> out = new java.util.ArrayList<>();
        java.nio.file.Path file = paths.auditAnchor();
        new io.liaison.node.audit.HeadAnchor(file).last().ifPresent(h -> out.add(new AuditVerifier.Witness(h,
                file.toString())));
        try (var lost = Files.newDirectoryStream(file.getParent(), file.getFileName() + ".lost-*")) {
            for (java.nio.file.Path p : lost) {
                new io.liaison.node.audit.HeadAnchor(p).last().ifPresent(h -> out.add(new AuditVerifier.Witness(h,
                        p.toString())));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + file.getParent() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A node made before signing certificates existed gets one from its own party CA. */
    private static void ensureSigningCertificate(NodePaths paths, Party party, String nodeName, NodeSigner signer,
            Clock clock, SecureRandom random) {
        if (Files.exists(paths.signingCertificate()) || !Files.exists(paths.caKey())) {
            return;
        }
        Pki.Issued ca = new Pki.Issued(Pki.readCertificatePem(paths.caCertificate()), Pki.readPrivateKeyPem(paths.caKey()));
        Pki.writeCertificatePem(Pki.issueSigningCertificate(ca, party.code(), nodeName, signer.publicKey(), random, clock),
                paths.signingCertificate());
    }

    private static void closeAfterFailure(Database db, ItemKeys keys) {
        try {
            if (keys != null) {
                keys.close();
            }
        } finally {
            db.close();
        }
    }

    /**
     * Recomputes the audit tree of the node's database, and checks it against the signed heads kept outside it (the
     * node's own, and any that a damaged log left behind).
     */
    public Verification verifyAudit() {
        return verifyAudit(List.of());
    }

    /** As above, and against heads of this log that peers witnessed ({@code liaison audit verify --witness}). */
    public Verification verifyAudit(List<AuditVerifier.Witness> witnessed) {
        audit.sequenceNow();
        List<AuditVerifier.Witness> all = new java.util.ArrayList<>(keptHeads());
        all.addAll(witnessed);
        return AuditVerifier.verify(database.jdbi(), signer.publicKey(), all);
    }

    public NodePaths paths() {
        return paths;
    }

    public NodeConfig config() {
        return config;
    }

    /** The policies and agreements in force now: a policy version approved on this node is in it from then on. */
    public Catalog catalog() {
        return agreements.catalog();
    }

    /**
     * What keeps this node from serving now, for a load balancer's readiness check: the database does not answer
     * within 2 s, or the audit sequencer is not running. Empty when ready.
     */
    public List<String> unready() {
        List<String> out = new java.util.ArrayList<>();
        if (!audit.running()) {
            out.add("the audit sequencer is not running");
        }
        audit.halted().ifPresent(out::add);
        try (java.sql.Connection c = database.dataSource().getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            st.execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            out.add("the database does not answer: " + e.getMessage());
        }
        return out;
    }

    /** This party's policy in force now. */
    public SecurityPolicy policy() {
        return agreements.catalog().requirePolicy(policyId);
    }

    /** The policies in force and every version imported on this node (SPIF 2.1). */
    public io.liaison.node.policies.PolicyBook policies() {
        return policies;
    }

    public Party party() {
        return Party.of(config.party());
    }

    public Database database() {
        return database;
    }

    public NodeSigner signer() {
        return signer;
    }

    public AuditLog audit() {
        return audit;
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Clearances, roles, duties and reinstatements, each approved by a second security officer. */
    /** Requests a second security officer carries out: agreement steps, peer changes. */
    /** Diplomatic clearances for military aircraft (R31). */
    public io.liaison.node.aircraft.AircraftClearances aircraft() {
        return aircraft;
    }

    /** Invitations to observe exercises and their observers (R32). */
    public io.liaison.node.exercises.Exercises exercises() {
        return exercises;
    }

    /** Contractor facilities and their assessments (R29). */
    public io.liaison.node.contractors.Contractors contractors() {
        return contractors;
    }

    /** Visit requests and answers (R28, R30). */
    public io.liaison.node.visits.Visits visits() {
        return visits;
    }

    public Approvals approvals() {
        return approvals;
    }

    public Grants grants() {
        return grants;
    }

    /** Who may see records that reveal items and other labelled things (R10). */
    public io.liaison.node.disclosure.Disclosure disclosure() {
        return disclosure;
    }

    public Items items() {
        return items;
    }

    /** Seals content other than items (hotline messages) under a fresh key wrapped by the node's master key. */
    public ItemCipher cipher() {
        return cipher;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        // Each part is closed even if an earlier one fails; the first failure is thrown, the rest suppressed.
        RuntimeException failure = null;
        for (Runnable step : List.<Runnable>of(leadership::close, signals::close, audit::close, items::flushIndex,
                index::close, keys::close, database::close)) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
