/**
 * AIS (ITU-R M.1371) carried in NMEA 0183 {@code !AIVDM}/{@code !AIVDO} sentences: {@link Sentence} parses and checks
 * one sentence, {@link Assembler} joins the fragments of a multi-sentence message in any order, {@link Payload}
 * reads the six-bit armoured bits, and {@link AisDecoder} turns them into position reports (types 1, 2, 3, 18, 19,
 * 27) and static data (types 5, 19, 24). Field layouts follow ITU-R M.1371-5 Annex 8 and the public AIVDM/AIVDO
 * protocol decoding notes.
 */
package io.liaison.core.maritime.ais;
