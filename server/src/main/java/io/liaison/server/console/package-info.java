/**
 * The web console: pages rendered on the server from precompiled jte templates (HTML escaped by context), under the
 * same decisions as the API. The marking on every page comes from the server's labels; nothing on the client sets
 * it. Sessions are HttpOnly, SameSite=Strict cookies holding a node token; every form carries a token bound to the
 * session; the Content-Security-Policy allows no script and no inline style; nothing is cached.
 */
package io.liaison.server.console;
