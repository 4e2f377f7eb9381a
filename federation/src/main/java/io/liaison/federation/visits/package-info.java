/** Visit requests and the host's answers between two nodes, as signed messages (R28, R30). */
package io.liaison.federation.visits;
