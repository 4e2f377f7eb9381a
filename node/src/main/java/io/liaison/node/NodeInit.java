package io.liaison.node;

import io.liaison.core.access.Clearance;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.config.NodeConfig;
import io.liaison.node.crypto.MasterKey;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code liaison init}: creates a node directory with its signing key, the party CA and the node's TLS
 * certificate, the master key for data at rest, the configuration, the database and the first admin
 * account. Key files are owner-only. Refuses a directory that already holds a node.
 */
public final class NodeInit {
    private NodeInit() {}

    /** The name of the first security officer, who approves what the admin asks for. */
    public static final String OFFICER = "officer";

    /** What init made; the passwords are shown once and never stored in clear. */
    public record Result(Path dir, Party party, String policy, String admin, String password, boolean generated,
            String officer, String officerPassword, boolean officerGenerated) {
        @Override
        public String toString() {
            return "Result[dir=" + dir + ", party=" + party + ", admin=" + admin + ", officer=" + officer
                    + ", passwords=redacted]";
        }
    }

    /**
     * Creates the node with its two first accounts: {@code admin}, who adds accounts and asks for grants, and the
     * first security officer {@code officer} (the policy's highest level, no duty yet), who approves them. Neither
     * can give itself anything: each needs the other, or a later second officer.
     */
    public static Result init(Path dir, Party party, Optional<String> adminPassword, Optional<String> officerPassword,
            Optional<String> databaseUrl, Clock clock, SecureRandom random, Node.Options options) {
        return init(dir, party, adminPassword, officerPassword, databaseUrl, Optional.empty(), clock, random, options);
    }

    /**
     * As above; the files of the catalog directory {@code catalogFrom} ({@code policies/*.xml},
     * {@code agreements/*.json}), checked with the shipped catalog as one, are copied into the node's own
     * {@link NodePaths#catalog()} first, so that the node's party may be one of theirs.
     */
    public static Result init(Path dir, Party party, Optional<String> adminPassword, Optional<String> officerPassword,
            Optional<String> databaseUrl, Optional<Path> catalogFrom, Clock clock, SecureRandom random,
            Node.Options options) {
        NodePaths target = new NodePaths(dir);
        if (catalogFrom.isPresent()) {
            if (!Files.isDirectory(catalogFrom.get())) {
                throw new InvalidInputException("CATALOG_INVALID", "catalog directory " + catalogFrom.get()
                        + " does not exist");
            }
            io.liaison.catalog.CatalogFiles.read(catalogFrom.get());
            if (Files.exists(target.config())) {
                throw new ConflictException("NODE_EXISTS", dir + " already holds a node (" + target.config() + ")");
            }
            copyCatalog(catalogFrom.get(), target.catalog());
        }
        var catalog = io.liaison.catalog.CatalogFiles.read(target.catalog()).catalog();
        SecurityPolicy policy = catalog.policyOf(party).orElseThrow(() -> new InvalidInputException(
                "PARTY_UNKNOWN", "party " + party + " has no policy in the catalog (parties: "
                        + String.join(", ", catalog.policies().stream().map(p -> p.owner().code()).toList()) + ")"));
        NodePaths paths = new NodePaths(dir);
        if (Files.exists(paths.config())) {
            throw new ConflictException("NODE_EXISTS", dir + " already holds a node (" + paths.config() + ")");
        }
        String password = adminPassword.orElseGet(() -> generatePassword(random));
        char[] checked = Accounts.requirePassword(password);
        String officerSecret = officerPassword.orElseGet(() -> generatePassword(random));
        char[] officerChecked = Accounts.requirePassword(officerSecret);
        if (officerSecret.equals(password)) {
            throw new InvalidInputException("PASSWORDS_SHARED", "the admin and the security officer need different "
                    + "passwords: two people, two secrets");
        }
        try {
            Files.createDirectories(paths.keys());
            Files.createDirectories(paths.caCertificate().getParent());
            Files.setPosixFilePermissions(paths.keys(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new InvalidInputException("NODE_DIR", "cannot create " + dir + ": " + e.getMessage());
        }
        NodeSigner signer = NodeSigner.generate(random);
        signer.save(paths.signingKey(), paths.signingPublicKey());
        MasterKey.generate(random).save(paths.masterKey());
        NodeConfig config = NodeConfig.defaults(party, policy.id());
        if (databaseUrl.isPresent()) {
            config = config.withDatabase(databaseUrl.get());
        }
        Pki.Issued ca = Pki.createPartyCa(party.code(), random, clock);
        Pki.writeCertificatePem(ca.certificate(), paths.caCertificate());
        Pki.writePrivateKeyPem(ca.privateKey(), paths.caKey());
        Pki.Issued tls = Pki.issueNodeCertificate(ca, party.code(), config.nodeName(), List.of("localhost", config.nodeName()),
                List.of("127.0.0.1", "::1"), random, clock);
        Pki.writeCertificatePem(tls.certificate(), paths.tlsCertificate());
        Pki.writePrivateKeyPem(tls.privateKey(), paths.tlsKey());
        Pki.writeCertificatePem(Pki.issueSigningCertificate(ca, party.code(), config.nodeName(), signer.publicKey(),
                random, clock), paths.signingCertificate());
        config.write(dir);
        try (Node node = Node.open(paths, clock, random, options)) {
            User admin = new User("admin", Clearance.of(policy.id(), policy.lowest().name(), party), Set.of(Role.ADMIN),
                    Set.of(), true);
            User officer = new User(OFFICER, Clearance.of(policy.id(), policy.highest().name(), party),
                    Set.of(Role.SECURITY_OFFICER), Set.of(), true);
            node.accounts().bootstrap(admin, checked, officer, officerChecked);
            node.database().jdbi().useTransaction(h -> node.audit().append(io.liaison.node.store.Database.tx(h), AuditEvent.done("liaison-init",
                    "config.init", party.code(), Map.of("policy", policy.id(), "nodeName", node.config().nodeName(),
                            "signingKey", signer.keyId()))));
            node.audit().sequence();
        }
        return new Result(dir, party, policy.id(), "admin", password, adminPassword.isEmpty(), OFFICER, officerSecret,
                officerPassword.isEmpty());
    }

    private static void copyCatalog(Path from, Path to) {
        try {
            for (String folder : List.of("policies", "agreements")) {
                Path source = from.resolve(folder);
                if (!Files.isDirectory(source)) {
                    continue;
                }
                Files.createDirectories(to.resolve(folder));
                try (var files = Files.list(source)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, to.resolve(folder).resolve(f.getFileName()),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("NODE_DIR", "cannot copy the catalog " + from + " into " + to + ": "
                    + e.getMessage());
        }
    }

    private static String generatePassword(SecureRandom random) {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
