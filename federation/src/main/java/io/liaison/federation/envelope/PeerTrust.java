package io.liaison.federation.envelope;

import io.liaison.core.party.Party;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** The party CAs this node pins: a party without one is unknown, whatever its envelopes say. */
@FunctionalInterface
public interface PeerTrust {
    Optional<X509Certificate> partyCa(Party party);
}
