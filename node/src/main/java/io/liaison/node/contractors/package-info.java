/**
 * Contractor facilities and their assessments (R29). A facility is recorded by a security officer; its assessment
 * (who assessed it, on which day, up to which level) takes effect only when a second security officer approves it.
 * A person of a facility is briefed through {@code Accounts.brief}; the decision engine then applies R29 to every
 * read the person makes.
 */
package io.liaison.node.contractors;
