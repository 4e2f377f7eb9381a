/** Items: creation, reading, copies, inventory, reclassification, destruction and search. */
package io.liaison.node.items;
