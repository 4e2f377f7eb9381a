/**
 * Mutual TLS 1.3 between nodes: each side presents its node certificate and accepts only certificates
 * issued by the party CAs it pins ({@link io.liaison.federation.transport.TlsContexts}); the federation
 * listener takes envelopes, passes them through the verifier, and answers with problem+json refusals.
 */
package io.liaison.federation.transport;
