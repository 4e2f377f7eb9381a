package io.liaison.node.items;

import java.time.Instant;

/** One line of an item's inventory history (R11): created, transferred, copied, reclassified, destroyed. */
public record CustodyEvent(String action, String custodian, String location, Instant at) {}
