/**
 * Security labels in the NATO ADatP-4774 model: validation against a policy, banner and portion
 * markings, banner parsing, dominance and combination.
 */
package io.liaison.core.label;
