package io.liaison.server.console;

/**
 * A hotline message on the desk: its precedence (its style), the receiver's marking, who sent it, its text, its
 * state, and whether this user may acknowledge it (an incoming one, not yet acknowledged, and the user a duty
 * officer of the line), and whether it has just arrived on the open desk (a fresh FLASH flashes; those already there
 * when the page loads do not).
 */
public record DeskMessage(String id, String precedence, String marking, String from, String text, String state,
        boolean acknowledgeable, boolean fresh) {}
