/** The agreement lifecycle between nodes (R17–R19): every step a signed message, recorded alike at both ends. */
package io.liaison.federation.lifecycle;
