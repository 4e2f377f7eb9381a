/** Typed expected failures of the domain. */
package io.liaison.core.error;
