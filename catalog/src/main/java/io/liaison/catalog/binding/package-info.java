/** The ADatP-4778 binding: a label tied to its data object by an XML signature. */
package io.liaison.catalog.binding;
