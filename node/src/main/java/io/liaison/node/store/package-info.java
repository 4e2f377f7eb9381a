/** The node's database: pool, migrations, Jdbi. */
package io.liaison.node.store;
