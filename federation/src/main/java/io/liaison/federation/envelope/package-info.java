/**
 * Signed envelopes between nodes (R14): every message travels signed by the sending node's Ed25519 key,
 * whose certificate from the sender's party CA it carries, and only {@link io.liaison.federation.envelope.EnvelopeVerifier}
 * turns received bytes into a {@link io.liaison.federation.envelope.VerifiedEnvelope}, the only form handlers accept.
 */
package io.liaison.federation.envelope;
