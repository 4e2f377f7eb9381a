/** The durable outbox: messages to peers, queued with their event and delivered in order with retries. */
package io.liaison.federation.outbox;
