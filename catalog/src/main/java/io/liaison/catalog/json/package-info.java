/** JSON at the edge: agreement data files, decision requests and decisions. */
package io.liaison.catalog.json;
