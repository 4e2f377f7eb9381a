/** The parties this node exchanges with: their URLs and pinned party CAs, and the health of each link. */
package io.liaison.federation.peers;
