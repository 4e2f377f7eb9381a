package io.liaison.core.decision;

/** The outcome of a decision. There is no third value: what is not allowed is denied. */
public enum Outcome {
    ALLOW,
    DENY
}
