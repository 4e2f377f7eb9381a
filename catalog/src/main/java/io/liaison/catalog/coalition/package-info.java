/** A coalition catalog generated in the catalog formats: members' policies, a bilateral agreement for every pair, a relay. */
package io.liaison.catalog.coalition;
