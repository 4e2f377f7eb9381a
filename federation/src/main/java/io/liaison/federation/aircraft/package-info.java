/** Diplomatic clearances for military aircraft between two nodes, as signed messages (R31). */
package io.liaison.federation.aircraft;
