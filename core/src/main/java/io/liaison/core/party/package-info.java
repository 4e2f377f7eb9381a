/** Parties (governments, organisations) and purposes. */
package io.liaison.core.party;
