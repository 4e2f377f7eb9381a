/**
 * Invitations to observe an exercise (R32): the host names the exercise, place, days, observer places and the
 * highest level observers may see; the invited party nominates observers, each a visit under R28 that the host
 * answers as any visit (never above the exercise's level), and may replace one until the exercise starts.
 */
package io.liaison.node.exercises;
