/** Accounts, credentials and roles. */
package io.liaison.node.accounts;
