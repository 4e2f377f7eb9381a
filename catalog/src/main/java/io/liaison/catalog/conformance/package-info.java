/**
 * A spiffing-style conformance suite ({@code tests.xml}) run through the code paths Liaison itself uses to read
 * policies and labels, decide validity and access, and write markings.
 */
package io.liaison.catalog.conformance;
