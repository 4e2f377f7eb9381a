/**
 * Security policies: classification levels, category tags and their markings (the model behind Open
 * XML SPIF 2.1 files).
 */
package io.liaison.core.policy;
