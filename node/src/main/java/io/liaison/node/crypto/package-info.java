/**
 * The node's cryptography: the master key for data at rest, per-item content encryption, the node's Ed25519
 * signing key, Argon2id password hashing and the party PKI for mutual TLS.
 *
 * <p>Rules every class here follows: secrets never reach {@code toString} or exception messages, secrets are
 * compared in constant time, randomness is always injected as a {@link java.security.SecureRandom}, and key files
 * are written atomically with owner-only permissions (see {@link io.liaison.node.crypto.KeyFiles}). Expected
 * failures throw {@link io.liaison.node.crypto.CryptoException}.
 */
package io.liaison.node.crypto;
