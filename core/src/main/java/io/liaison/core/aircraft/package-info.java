/** Cross-border visits of military aircraft (R31): a diplomatic clearance request, checked in the field's conventions. */
package io.liaison.core.aircraft;
