package io.liaison.core.agreement;

/** A bilateral agreement, or a relay arrangement in which spokes share only through a hub (TISA). */
public enum AgreementKind {
    BILATERAL,
    RELAY
}
