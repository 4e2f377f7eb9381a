package io.liaison.federation.peers;

import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.PeerTrust;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.crypto.Pki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The peers table and the rules for adding a peer: a party other than this node's, an {@code https} URL,
 * and a CA certificate that is a CA, names that party, and is valid now. Adding is audited in the same
 * transaction. The pinned CAs are the {@link PeerTrust} of the verifier and of the TLS listener.
 */
public final class Peers implements PeerTrust {
    private static final int MAX_PEM = 16_000;
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Party self;
    private final Clock clock;

    private final Clock pkiClock;
    /** When each peer was last written as UP, in real time; see {@link #contacted}. */
    private final Map<Party, Long> upSince = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Party>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The peers of a node that is not running (liaison peer add|list): the federation's tables are made first. */
    public static Peers ofStopped(io.liaison.node.Node node, Clock clock) {
        io.liaison.node.store.Migrations.migrate(node.database().dataSource(), "federation");
        return new Peers(node.database().jdbi(), node.audit(), node.party(), clock);
    }

    public Peers(Jdbi jdbi, AuditLog audit, Party self, Clock clock) {
        this(jdbi, audit, self, clock, clock);
    }

    /** @param pkiClock the clock certificates are valid against (real time, also under a simulated node clock) */
    public Peers(Jdbi jdbi, AuditLog audit, Party self, Clock clock, Clock pkiClock) {
        this.pkiClock = pkiClock;
        this.jdbi = jdbi;
        this.audit = audit;
        this.self = self;
        this.clock = clock;
    }

    /** A peer as it would be added or changed: checked, not yet written. */
    public record Candidate(Party party, URI url, X509Certificate ca, String fingerprint, String pem) {}

    /** Adds a peer at once (a node that is not running: its owner at its files), or refuses naming the rule. */
    public Peer add(String actor, String partyCode, String url, byte[] caPem) {
        Candidate c = check(partyCode, url, caPem);
        jdbi.useTransaction(h -> insert(io.liaison.node.store.Database.tx(h), actor, c));
        changed(c.party());
        audit.sequenceSoon();
        return find(c.party()).orElseThrow();
    }

    /**
     * Checks a peer to add: a party other than this node's, an {@code https} URL, and a CA certificate that is a CA,
     * names that party, and is valid now (R14). Writes nothing.
     */
    public Candidate check(String partyCode, String url, byte[] caPem) {
        Party party;
        try {
            party = Party.of(partyCode);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("PARTY_INVALID", e.getMessage());
        }
        if (party.equals(self)) {
            throw new InvalidInputException("PEER_IS_SELF", "party " + party + " is this node's own party");
        }
        URI uri = parseUrl(url);
        if (caPem.length > MAX_PEM) {
            throw new InvalidInputException("CA_TOO_LARGE", "a CA certificate of " + caPem.length
                    + " bytes is over the limit of " + MAX_PEM);
        }
        X509Certificate ca;
        try {
            ca = Pki.parseCertificatePem(caPem, "the CA certificate of " + party);
        } catch (RuntimeException e) {
            throw new InvalidInputException("CA_INVALID", e.getMessage());
        }
        if (ca.getBasicConstraints() < 0) {
            throw new InvalidInputException("CA_INVALID", "the certificate " + ca.getSubjectX500Principal().getName()
                    + " is not a CA (basicConstraints), so it cannot be a party CA (R14)");
        }
        if (!Pki.partyOf(ca).equals(Optional.of(party.code()))) {
            throw new InvalidInputException("CA_PARTY", "the CA certificate names party " + Pki.partyOf(ca).orElse("(none)")
                    + ", not " + party + " (R14)");
        }
        Optional<String> valid = Pki.checkIssued(ca, ca, pkiClock.instant());
        if (valid.isPresent()) {
            throw new InvalidInputException("CA_INVALID", "the CA certificate of " + party + " is not usable: " + valid.get());
        }
        return new Candidate(party, uri, ca, fingerprint(ca), new String(caPem, StandardCharsets.US_ASCII));
    }

    /** Checks a change of an existing peer's URL, CA or both; what is not given stays. */
    public Candidate checkChange(Party party, Optional<String> url, Optional<byte[]> caPem) {
        Peer p = find(party).orElseThrow(() -> new io.liaison.core.error.NotFoundException("PEER_UNKNOWN", "party "
                + party + " is not a peer of this node"));
        if (url.isEmpty() && caPem.isEmpty()) {
            throw new InvalidInputException("PEER_CHANGE_EMPTY", "a change of peer " + party + " gives a URL, a CA or both");
        }
        return check(party.code(), url.orElse(p.url().toString()), caPem.orElseGet(() -> Pki.certificatePem(p.ca())
                .getBytes(StandardCharsets.US_ASCII)));
    }

    /** Writes a new peer in the caller's transaction, audited there; call {@link #changed} after the commit. */
    public void insert(io.liaison.node.store.Tx tx, String actor, Candidate c) {
        var h = tx.sql();
        boolean exists = h.createQuery("SELECT COUNT(*) FROM peers WHERE party = :p").bind("p", c.party().code())
                .mapTo(Long.class).one() > 0;
        if (exists) {
            throw new ConflictException("PEER_EXISTS", "party " + c.party() + " is already a peer");
        }
        h.createUpdate("INSERT INTO peers (party, url, ca_pem, ca_fingerprint, added_at, added_by, last_status) "
                        + "VALUES (:p, :u, :c, :f, :at, :by, 'NEW')").bind("p", c.party().code()).bind("u", c.url().toString())
                .bind("c", c.pem()).bind("f", c.fingerprint()).bind("at", clock.millis()).bind("by", actor).execute();
        audit.append(tx, AuditEvent.done(actor, "peer.add", c.party().code(), Map.of("url", c.url().toString(),
                "caFingerprint", c.fingerprint())));
    }

    /** Changes a peer's URL and CA in the caller's transaction, audited there. */
    public void update(io.liaison.node.store.Tx tx, String actor, Candidate c) {
        int n = tx.sql().createUpdate("UPDATE peers SET url = :u, ca_pem = :c, ca_fingerprint = :f, last_status = 'NEW', "
                        + "last_error = NULL WHERE party = :p").bind("u", c.url().toString()).bind("c", c.pem())
                .bind("f", c.fingerprint()).bind("p", c.party().code()).execute();
        if (n != 1) {
            throw new io.liaison.core.error.NotFoundException("PEER_UNKNOWN", "party " + c.party() + " is not a peer");
        }
        audit.append(tx, AuditEvent.done(actor, "peer.update", c.party().code(), Map.of("url", c.url().toString(),
                "caFingerprint", c.fingerprint())));
    }

    /**
     * Removes a peer in the caller's transaction, audited there: its CA is trusted no more. Messages queued for it
     * stay queued, and go out if it is added again.
     */
    public void remove(io.liaison.node.store.Tx tx, String actor, Party party) {
        int n = tx.sql().createUpdate("DELETE FROM peers WHERE party = :p").bind("p", party.code()).execute();
        if (n != 1) {
            throw new io.liaison.core.error.NotFoundException("PEER_UNKNOWN", "party " + party + " is not a peer");
        }
        audit.append(tx, AuditEvent.done(actor, "peer.remove", party.code(), Map.of()));
    }

    /** Told the party whose peer entry changed, after each committed change. */
    public void onChange(java.util.function.Consumer<Party> listener) {
        listeners.add(listener);
    }

    /** After a committed change of {@code party}'s entry: the pinned CAs are read again, and listeners told. */
    public void changed(Party party) {
        pinned = null;
        upSince.remove(party);
        listeners.forEach(l -> l.accept(party));
    }

    public List<Peer> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM peers ORDER BY party").map((rs, ctx) -> peer(rs)).list());
    }

    public Optional<Peer> find(Party party) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM peers WHERE party = :p").bind("p", party.code())
                .map((rs, ctx) -> peer(rs)).findFirst());
    }

    /** The pinned CAs, read once and again after each change ({@link #changed}). */
    private volatile Map<Party, X509Certificate> pinned;

    @Override
    public Optional<X509Certificate> partyCa(Party party) {
        Map<Party, X509Certificate> cas = pinned;
        if (cas == null) {
            cas = list().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Peer::party, Peer::ca));
            pinned = cas;
        }
        return Optional.ofNullable(cas.get(party));
    }

    /** Records the outcome of a contact with a peer, for {@code peer list}. */
    public void contacted(Party party, boolean up, Optional<String> error) {
        // A peer that stays UP is written at most once a second (real time): a busy link would otherwise cost
        // a commit per delivery round. A change of status, and every failure, is written at once.
        long now = pkiClock.millis();
        Long last = upSince.get(party);
        if (up && last != null && now - last < 1_000) {
            return;
        }
        if (up) {
            upSince.put(party, now);
        } else {
            upSince.remove(party);
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE peers SET last_contact_at = :at, last_status = :s, last_error = :e "
                        + "WHERE party = :p").bind("at", clock.millis()).bind("s", up ? "UP" : "DOWN")
                .bind("e", error.map(x -> x.length() > 1000 ? x.substring(0, 1000) : x).orElse(null))
                .bind("p", party.code()).execute());
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("PEER_URL", "peer URL '" + url + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidInputException("PEER_URL", "peer URL '" + url + "' must be https://host[:port] (R14: "
                    + "nodes talk mutual TLS only)");
        }
        return uri;
    }

    /** Parsed CA certificates by their PEM text: a delivery round lists the peers, and parsing each is not free. */
    private static final Map<String, X509Certificate> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static X509Certificate ca(String pem, String party) {
        X509Certificate c = PARSED.get(pem);
        if (c == null) {
            c = Pki.parseCertificatePem(pem.getBytes(StandardCharsets.US_ASCII), "the stored CA of peer " + party);
            if (PARSED.size() < 10_000) {
                PARSED.put(pem, c);
            }
        }
        return c;
    }

    private static Peer peer(ResultSet rs) throws SQLException {
        String party = rs.getString("party");
        long contact = rs.getLong("last_contact_at");
        Optional<Instant> last = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(contact));
        return new Peer(Party.of(party), URI.create(rs.getString("url")), ca(rs.getString("ca_pem"), party),
                rs.getString("ca_fingerprint"), Instant.ofEpochMilli(rs.getLong("added_at")), rs.getString("added_by"),
                last, rs.getString("last_status"), Optional.ofNullable(rs.getString("last_error")));
    }

    /** SHA-256 of the DER certificate, in hex. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + cert.getSubjectX500Principal(), e);
        }
    }
}
