/**
 * The maritime picture (R33): vessel identities (MMSI, IMO, flag), surface contacts, their fusion per vessel, and the
 * indications of suspect activity (ship-to-ship transfer, AIS gone dark, flag change). Pure: times are arguments.
 * {@link io.liaison.core.maritime.ais} decodes AIS (ITU-R M.1371) from NMEA 0183 sentences.
 */
package io.liaison.core.maritime;
