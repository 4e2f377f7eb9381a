package io.liaison.server.console;

/** A search hit: the item, its title and its portion marking with the style class of its level. */
public record Row(String id, String title, String portion, String cssClass) {}
