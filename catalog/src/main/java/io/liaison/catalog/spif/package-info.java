/** Open XML SPIF 2.1 policy files. */
package io.liaison.catalog.spif;
