/** Clearances and SPIF-style access checks on precompiled labels (R9). */
package io.liaison.core.access;
