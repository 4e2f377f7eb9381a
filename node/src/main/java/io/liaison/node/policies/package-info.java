/** The security policies in force on a node: the shipped catalog's, and versions imported as SPIF 2.1 files. */
package io.liaison.node.policies;
