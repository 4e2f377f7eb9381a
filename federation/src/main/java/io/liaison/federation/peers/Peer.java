package io.liaison.federation.peers;

import io.liaison.core.party.Party;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * A peer: its party, its federation URL, its pinned party CA (and that CA's SHA-256 fingerprint), and the
 * health of the link as last seen: {@code NEW} until the first contact, then {@code UP} or {@code DOWN}.
 */
public record Peer(Party party, URI url, X509Certificate ca, String caFingerprint, Instant addedAt, String addedBy,
        Optional<Instant> lastContact, String status, Optional<String> lastError) {}
