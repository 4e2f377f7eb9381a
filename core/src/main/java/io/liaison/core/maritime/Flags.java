package io.liaison.core.maritime;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maritime Identification Digits to flag states (ITU-R M.585 and the ITU's MID table), for the registers that
 * matter in the region and the open registers sanctions evaders use most. A MID not in the table has no flag here,
 * which is said as "MID nnn" where it is shown.
 */
final class Flags {
    private static final Map<Integer, String> BY_MID = new HashMap<>();

    static {
        put("JPN", 431, 432);
        put("KOR", 440, 441);
        put("PRK", 445);
        put("USA", 303, 338, 366, 367, 368, 369);
        put("CHN", 412, 413, 414);
        put("HKG", 477);
        put("TWN", 416);
        put("RUS", 273);
        put("MNG", 457);
        put("PAN", 351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373, 374);
        put("LBR", 636, 637);
        put("MHL", 538);
        put("SGP", 563, 564, 565, 566);
        put("MLT", 215, 229, 248, 249, 256);
        put("BHS", 308, 309, 311);
        put("CYP", 209, 210, 212);
        put("GRC", 237, 239, 240, 241);
        put("SLE", 667);
        put("TGO", 671);
        put("TZA", 674, 677);
        put("KHM", 514, 515);
        put("COM", 616);
        put("BLZ", 312);
        put("PLW", 511);
        put("VNM", 574);
        put("PHL", 548);
        put("IDN", 525);
        put("MYS", 533);
        put("THA", 567);
        put("KIR", 529);
        put("TUV", 572);
        put("VCT", 375, 376, 377);
        put("GBR", 232, 233, 234, 235);
        put("DNK", 219, 220);
        put("NOR", 257, 258, 259);
        put("DEU", 211, 218);
        put("NLD", 244, 245, 246);
        put("PRT", 255, 263);
        put("FRA", 226, 227, 228);
        put("ITA", 247);
        put("ESP", 224, 225);
        put("CAN", 316);
        put("AUS", 503);
    }

    private Flags() {}

    private static void put(String flag, int... mids) {
        for (int m : mids) {
            BY_MID.put(m, flag);
        }
    }

    static Optional<String> of(int mid) {
        return Optional.ofNullable(BY_MID.get(mid));
    }
}
