package io.liaison.hotline;

/** Where a message stands: queued to go, delivered to the other end (or received here), or refused by it. */
public enum MessageState { QUEUED, DELIVERED, REFUSED }
