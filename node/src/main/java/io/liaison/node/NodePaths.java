package io.liaison.node;

import java.nio.file.Path;

/** Where a node keeps its files, all under one directory. */
public record NodePaths(Path dir) {
    public Path config() {
        return dir.resolve("liaison.json");
    }

    /** Where a running node records the URL its peers reach it at (its federation listener). */
    public Path federationEndpoint() {
        return dir.resolve("federation.url");
    }

    public Path keys() {
        return dir.resolve("keys");
    }

    public Path signingKey() {
        return keys().resolve("node-signing.key.pem");
    }

    public Path signingPublicKey() {
        return dir.resolve("pki").resolve("node-signing.pub.pem");
    }

    /** The party CA's certificate of the node signing key, which envelopes carry. */
    public Path signingCertificate() {
        return dir.resolve("pki").resolve("node-signing.pem");
    }

    public Path masterKey() {
        return keys().resolve("master.key");
    }

    public Path caKey() {
        return keys().resolve("party-ca.key.pem");
    }

    public Path caCertificate() {
        return dir.resolve("pki").resolve("party-ca.pem");
    }

    public Path tlsKey() {
        return keys().resolve("node-tls.key.pem");
    }

    public Path tlsCertificate() {
        return dir.resolve("pki").resolve("node-tls.pem");
    }

    /** The owner-only journal of wrapped item keys, apart from the database (R13). */
    public Path itemKeys() {
        return keys().resolve("item-keys.journal");
    }

    /** The last signed tree head of the audit log, kept outside the database (owner-only directory). */
    public Path auditAnchor() {
        return keys().resolve("audit-head.json");
    }

    /**
     * The deployment's own catalog files beside the shipped catalog: {@code policies/*.xml} and
     * {@code agreements/*.json} (see {@link io.liaison.catalog.CatalogFiles}); optional.
     */
    public Path catalog() {
        return dir.resolve("catalog");
    }

    public Path index() {
        return dir.resolve("index");
    }

    /** The search index of one replica of the node: each keeps its own, from the shared database. */
    public Path replicaIndex(String replica) {
        return dir.resolve("replicas").resolve(replica).resolve("index");
    }

    /** The embedded H2 database URL for this directory. */
    public String h2Url() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("liaison");
    }
}
