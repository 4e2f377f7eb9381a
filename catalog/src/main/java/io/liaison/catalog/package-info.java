/** The shipped catalog of policies and agreements. */
package io.liaison.catalog;
