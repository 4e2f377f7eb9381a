/**
 * Tamper-evident audit logs: Merkle tree hashing, inclusion and consistency proofs exactly as RFC 9162
 * (Certificate Transparency 2.0) section 2.1, which keeps the tree hashing of RFC 6962, so that any
 * CT-compatible verifier can check a log built here. JDK only.
 */
package io.liaison.core.audit;
