/** Times as text: the UTC form every stored and sent record uses, read without a formatter where it can be. */
package io.liaison.core.time;
