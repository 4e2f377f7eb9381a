/** The tamper-evident audit log: Merkle tree (RFC 9162), signed tree heads, verification, proofs. */
package io.liaison.node.audit;
