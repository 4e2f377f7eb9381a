/** Visits under an agreement (R28, R30): what a host approved for a visitor, as the decision engine needs it. */
package io.liaison.core.visit;
