/**
 * Visits under an agreement (R28, R30), as this node records them: the ones its security officers asked of a host
 * and the ones asked of it as host, each with the host's answer. The federation carries the requests and answers
 * between the nodes; a visitor account is made only from an approved visit ({@code Accounts.addVisitor}).
 */
package io.liaison.node.visits;
