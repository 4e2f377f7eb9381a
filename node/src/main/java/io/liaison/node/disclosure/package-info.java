/** Who may see records that reveal items or other labelled things: the same decision as the thing itself (R9, R10). */
package io.liaison.node.disclosure;
