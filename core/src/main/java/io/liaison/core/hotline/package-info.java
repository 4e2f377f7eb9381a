/**
 * The hotline's rules, pure: precedences and their acknowledgement objectives (R23, R25), whether a message
 * may travel on a line (R27 with R2 and R18), who may read the archive (R9), line health (R26), and live
 * missile tracks with their fusion.
 */
package io.liaison.core.hotline;
