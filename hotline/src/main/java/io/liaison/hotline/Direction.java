package io.liaison.hotline;

/** Whether this node sent a message ({@code OUT}) or received it ({@code IN}). */
public enum Direction { IN, OUT }
