package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Mmsi;
import io.liaison.core.maritime.ais.AisEncoder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's maritime walkthrough on two real nodes ({@code liaison serve} processes): JPN feeds an AIS file and a
 * live UDP feed, shares its picture with KOR on the line for sanctions enforcement, KOR sees the transfer, and a JPN
 * analyst files it as a report (R33).
 */
@Timeout(300)
class MaritimeCommandTest {
    private static final String LINE = "jpn-kor-policy-dg";
    private static final String SANCTIONS = "DPRK sanctions enforcement";

    static List<String> transfer() {
        Mmsi chonMaSan = new Mmsi(445123000);
        Mmsi yukTung = new Mmsi(667001234);
        List<String> s = new ArrayList<>(AisEncoder.staticData(chonMaSan, Optional.of(new Imo(9074729)), "HMAJ",
                "CHON MA SAN", 80, "NAMPO", 1));
        s.addAll(AisEncoder.staticData(yukTung, Optional.empty(), "9LY2", "YUK TUNG", 80, "", 2));
        s.add(AisEncoder.position(chonMaSan, 30.5100, 122.9800, Optional.of(0.4), Optional.of(10.0), 0, 5));
        s.add(AisEncoder.position(yukTung, 30.5112, 122.9806, Optional.of(0.2), Optional.of(190.0), 0, 6));
        return s;
    }

    @Test
    void aPictureFedAtJpn_isSharedWithKorForSanctions_andItsTransferFiledAsAReport(@TempDir Path tmp) throws Exception {
        ServedNodes.Pair pair = ServedNodes.Pair.init(tmp);
        String j = pair.jpn();
        String k = pair.kor();
        int udp = ServedNodes.freePort();
        Path file = tmp.resolve("east-china-sea.nmea");
        Files.writeString(file, String.join("\r\n", transfer()) + "\r\n!AIVDM,1,1,,A,bad,0*00\r\n");
        try (ServedNodes nodes = new ServedNodes()) {
            nodes.serve(pair.jpnDir(), pair.jpnApi(), pair.jpnFed(), "--ais-udp", Integer.toString(udp),
                    "--ais-classification", "秘");
            nodes.serve(pair.korDir(), pair.korApi(), pair.korFed());
            String ja = Cli.token(j, "admin", pair.jpnInit().adminPassword());
            String ka = Cli.token(k, "admin", pair.korInit().adminPassword());
            ok(Cli.run("user", "add", "watanabe", "--nationality", "JPN", "--clearance", "特定秘密", "--role",
                    "duty-officer", "--duty", SANCTIONS, "--password", "watanabe long password", "--node", j, "--token", ja));
            ok(Cli.run("user", "add", "ito", "--nationality", "JPN", "--clearance", "極秘", "--role", "analyst", "--duty",
                    SANCTIONS, "--password", "ito long password", "--node", j, "--token", ja));
            Cli.approveAll(j, pair.jpnInit().officerPassword());
            ok(Cli.run("user", "add", "choi", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role",
                    "duty-officer", "--duty", SANCTIONS, "--password", "choi long password", "--node", k, "--token", ka));
            Cli.approveAll(k, pair.korInit().officerPassword());
            ok(Cli.run("hotline", "add-line", LINE, "--peer", "KOR", "--desk", "policy-dg", "--agreement",
                    "jpn-kor-gsomia-2016", "--duty", "watanabe", "--peer-duty", "choi", "--escalation", "JS J3 watch",
                    "--node", j, "--token", ja));
            ok(Cli.run("hotline", "add-line", LINE, "--peer", "JPN", "--desk", "policy-dg", "--agreement",
                    "jpn-kor-gsomia-2016", "--duty", "choi", "--peer-duty", "watanabe", "--escalation", "JCS J3 watch",
                    "--node", k, "--token", ka));
            String w = Cli.token(j, "watanabe", "watanabe long password");
            String ito = Cli.token(j, "ito", "ito long password");
            String c = Cli.token(k, "choi", "choi long password");

            assertThat(ok(Cli.run("maritime", "feed", file.toString(), "--classification", "秘", "--node", j, "--token",
                    w)).out()).startsWith("7 sentence(s), 4 message(s), 2 contact(s) taken, 1 refused")
                    .contains("line 7: NMEA sentence '!AIVDM,1,1,,A,bad,0*00'");
            byte[] live = AisEncoder.position(new Mmsi(431001000), 33.9, 130.9, Optional.of(12.0), Optional.of(80.0), 0, 9)
                    .getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket s = new DatagramSocket()) {
                s.send(new DatagramPacket(live, live.length, InetAddress.getLoopbackAddress(), udp));
            }
            ServedNodes.await("the UDP feed took the contact", () -> Cli.run("maritime", "feeds", "--node", j, "--token",
                    w).out().contains("1 sentence(s), 0 refused, 1 contact(s)"));

            Cli outside = Cli.run("maritime", "share", "--line", LINE, "--purpose", SANCTIONS, "--classification",
                    "秘", "--node", j, "--token", ito);
            assertThat(outside.exit()).isNotZero();
            assertThat(outside.err()).contains("this action needs one of the roles duty-officer (HTTP 403)");
            assertThat(ok(Cli.run("maritime", "share", "--line", LINE, "--purpose", SANCTIONS, "--classification", "秘",
                    "--node", j, "--token", w)).out()).contains(LINE + "  " + SANCTIONS + "  秘");

            ServedNodes.await("KOR sees the transfer", () -> Cli.run("maritime", "picture", "--node", k, "--token", c)
                    .out().contains("INDICATION SHIP_TO_SHIP_TRANSFER:IMO 9074729+MMSI 667001234"));
            assertThat(ok(Cli.run("maritime", "picture", "--node", k, "--token", c)).out())
                    .contains("3 vessel(s) from 3 contact(s)").contains("IMO 9074729").contains("CHON MA SAN")
                    .contains("PRK").contains("(JPN AIS file)").contains("(JPN AIS udp:" + udp + ")");
            Cli badArea = Cli.run("maritime", "picture", "--area", "1,2,3", "--node", k, "--token", c);
            assertThat(badArea.exit()).isNotZero();
            assertThat(badArea.err()).contains("area '1,2,3' is not south,west,north,east in degrees");

            Cli filed = ok(Cli.run("maritime", "report", "SHIP_TO_SHIP_TRANSFER:IMO 9074729+MMSI 667001234",
                    "--classification", "秘", "--purpose", SANCTIONS, "--note", "hoses rigged", "--node", j, "--token",
                    ito));
            assertThat(filed.out()).startsWith("item ").contains("Ship-to-ship transfer: IMO 9074729 and MMSI 667001234");
            String item = filed.out().split(" ")[1].strip();
            assertThat(ok(Cli.run("maritime", "reports", "--node", j, "--token", ito)).out())
                    .contains(item + "  SHIP_TO_SHIP_TRANSFER  IMO 9074729 and MMSI 667001234  from JPN");
        }
    }
}
