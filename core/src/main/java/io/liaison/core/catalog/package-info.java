/** The in-memory catalog of policies and agreements, cross-checked when built. */
package io.liaison.core.catalog;
