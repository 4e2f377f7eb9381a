/**
 * A security policy as an Open XML SPIF 2.1 states it, element for element: classifications with their markings,
 * required categories and equivalents; tag sets, tags and their categories with exclusions, requirements, markings
 * and equivalents; marking qualifiers; equivalent policies. Pure values that check their own consistency (a
 * duplicate, a reference to nothing); reading the XML is the catalog's.
 */
package io.liaison.core.spif;
