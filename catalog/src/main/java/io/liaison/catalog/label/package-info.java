/** NATO ADatP-4774 label XML. */
package io.liaison.catalog.label;
