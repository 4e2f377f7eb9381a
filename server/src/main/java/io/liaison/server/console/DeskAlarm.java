package io.liaison.server.console;

/** An open alarm on a line as the desk shows it: why, what happened, when, and whom it went to. */
public record DeskAlarm(String id, String kind, String detail, String raisedAt, String recipients) {}
