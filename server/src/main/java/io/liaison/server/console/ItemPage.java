package io.liaison.server.console;

/**
 * An item as its page shows it: its portion marking, this node's marking, and for a received item the originator's
 * own label and the chain of parties it came through.
 */
public record ItemPage(String id, String title, String portion, String cssClass, String marking, boolean received,
        String originatorLabel, String chain, String originator, String purposes, String status, String attachments,
        String text) {}
