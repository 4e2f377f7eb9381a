/** The agreement lifecycle as recorded by this node from signed messages, and the catalog it yields. */
package io.liaison.node.agreements;
