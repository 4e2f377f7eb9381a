/** Contractors (R29): what the decision engine needs to know of a contractor's person. */
package io.liaison.core.contractor;
