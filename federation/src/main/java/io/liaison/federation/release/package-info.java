/**
 * Releases between nodes: the sender's decision and outbox entry in one transaction, the release body
 * on the wire, and the receiver's inbox, which stores each envelope once, translates the label into its
 * own policy (R3), and answers with a signed receipt.
 */
package io.liaison.federation.release;
