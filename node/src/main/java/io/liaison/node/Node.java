package io.liaison.node;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Grants;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.accounts.LoginThrottle;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.AuditVerifier;
import io.liaison.node.audit.Verification;
import io.liaison.node.config.NodeConfig;
import io.liaison.node.crypto.ItemCipher;
import io.liaison.node.crypto.MasterKey;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import io.liaison.node.crypto.PasswordHasher;
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
    static final int LOGIN_FAILURES_PER_ADDRESS = 20;
    static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);

    private final NodePaths paths;
    private final NodeConfig config;
    private final Catalog catalog;
    private final SecurityPolicy policy;
    private final Database database;
    private final NodeSigner signer;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Grants grants;
    private final io.liaison.node.disclosure.Disclosure disclosure;
    private final Items items;
    private final SearchIndex index;
    private final ItemKeys keys;
    private final Clock clock;

    private final AgreementLedger agreements;

    /** The agreements with their lifecycle as this node recorded it (R17). */
    private final ItemCipher cipher;

    public AgreementLedger agreements() {
        return agreements;
    }

    private Node(NodePaths paths, NodeConfig config, Catalog catalog, SecurityPolicy policy, Database database,
            NodeSigner signer, AuditLog audit, Accounts accounts, Grants grants, Items items, SearchIndex index, ItemKeys keys,
            Clock clock, AgreementLedger agreements, ItemCipher cipher) {
        this.agreements = agreements;
        this.cipher = cipher;
        this.paths = paths;
        this.config = config;
        this.catalog = catalog;
        this.policy = policy;
        this.database = database;
        this.signer = signer;
        this.audit = audit;
        this.accounts = accounts;
        this.grants = grants;
        this.disclosure = new io.liaison.node.disclosure.Disclosure(items, policy);
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
            PasswordHasher hasher, FaultInjector faults, Set<String> agreementsFromMessages) {
        public Options {
            agreementsFromMessages = Set.copyOf(agreementsFromMessages);
        }

        public Options(Optional<String> databaseUrl, String databaseUser, String databasePassword, int poolSize,
                PasswordHasher hasher, FaultInjector faults) {
            this(databaseUrl, databaseUser, databasePassword, poolSize, hasher, faults, Set.of());
        }

        public Options withAgreementsFromMessages(String... agreements) {
            return new Options(databaseUrl, databaseUser, databasePassword, poolSize, hasher, faults, Set.of(agreements));
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
        Catalog catalog = ShippedCatalog.load();
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
        Database db = Database.open(url, user, url.startsWith("jdbc:h2:") ? "" : options.databasePassword(),
                options.poolSize());
        ItemKeys[] opened = {null};
        try {
            AuditLog audit = new AuditLog(db.jdbi(), db.dataSource(), signer, clock);
            var access = catalog.accessControl(policy.id());
            Accounts accounts = new Accounts(db.jdbi(), audit, options.hasher(), random, clock, access,
                    new LoginThrottle(db.jdbi(), clock, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS,
                            LOGIN_WINDOW));
            Grants grants = new Grants(db.jdbi(), audit, clock, random, access);
            Files.createDirectories(paths.index());
            SearchIndex index = SearchIndex.open(paths.index(), policy);
            ItemKeys keys = new ItemKeys(paths.itemKeys());
            opened[0] = keys;
            AgreementLedger ledger = new AgreementLedger(db.jdbi(), catalog, options.agreementsFromMessages());
            ItemCipher cipher = new ItemCipher(master, random);
            Items items = new Items(db, audit, cipher, signer, ledger::engine,
                    policy, party, index, clock, random, config.attachmentLimit(), options.faults(), keys);
            items.sweepKeys();
            if (!items.indexConsistent()) {
                items.rebuildIndex();
            }
            audit.sequence();
            audit.start(SEQUENCER_LINGER);
            return new Node(paths, config, catalog, policy, db, signer, audit, accounts, grants, items, index, keys, clock,
                    ledger, cipher);
        } catch (java.io.IOException e) {
            closeAfterFailure(db, opened[0]);
            throw new InvalidInputException("NODE_DIR", "cannot use " + paths.index() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeAfterFailure(db, opened[0]);
            throw e;
        }
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

    /** Recomputes the audit tree of the node's database. */
    public Verification verifyAudit() {
        audit.sequenceNow();
        return AuditVerifier.verify(database.jdbi(), signer.publicKey());
    }

    public NodePaths paths() {
        return paths;
    }

    public NodeConfig config() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    public SecurityPolicy policy() {
        return policy;
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
        for (Runnable step : List.<Runnable>of(audit::close, items::flushIndex, index::close, keys::close,
                database::close)) {
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
