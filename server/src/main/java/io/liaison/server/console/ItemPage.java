package io.liaison.server.console;

import java.util.List;

/**
 * An item as its page shows it: the portion marking and its colours, the node's marking, and for a received item
 * the originator's label and the chain of parties; its attachments, custody, what it was made from, and which of
 * the actions the viewer may take (release, report a loss).
 */
public record ItemPage(String id, String title, String portion, String cssClass, String marking, boolean received,
        String originatorLabel, String chain, String originator, String purposes, String status, List<File> files,
        List<Custody> custody, String kind, List<String> sources, String created, String text, boolean mayRelease,
        boolean mayReport) {
    public ItemPage {
        files = List.copyOf(files);
        custody = List.copyOf(custody);
        sources = List.copyOf(sources);
    }

    /** An attachment: its name, media type, size in bytes and download link. */
    public record File(String name, String mediaType, long size, String href) {}

    /** One step of the item's custody (R11). */
    public record Custody(String action, String custodian, String location, String at) {}
}
