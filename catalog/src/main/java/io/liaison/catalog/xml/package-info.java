/** Hardened XML parsing shared by every XML format. */
package io.liaison.catalog.xml;
