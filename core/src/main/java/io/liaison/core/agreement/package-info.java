/** Agreements as data: parties, equivalence tables, rules, and the lifecycle of R17–R19. */
package io.liaison.core.agreement;
