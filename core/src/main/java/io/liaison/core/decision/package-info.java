/** Decisions with reasons: reading (R9), release (R2, R5, R7, R8, R18, R20, R21) and onward release (R6, R22). */
package io.liaison.core.decision;
