/** Cross-checking audit logs between nodes: signed tree heads with consistency proofs. */
package io.liaison.federation.audit;
