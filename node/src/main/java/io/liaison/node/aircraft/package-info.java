/**
 * Diplomatic clearances for cross-border visits of military aircraft (R31): the requests this party asked and those
 * asked of it, the host's answers, the alarms for late answers, and the check of an observed flight.
 */
package io.liaison.node.aircraft;
