package io.liaison.core.maritime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.maritime.ais.AisMessage;
import io.liaison.core.maritime.ais.AisStream;
import io.liaison.core.maritime.ais.AisEncoder;
import io.liaison.core.party.Party;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Vessel identities, AIS written and read back, fusion per vessel and the indications of suspect activity (R33). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaritimePictureTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Instant T = Instant.parse("2018-03-01T03:00:00Z");

    private static Contact contact(int mmsi, Integer imo, String name, double lat, double lon, double speed, Instant at) {
        return new Contact(new Mmsi(mmsi), Optional.ofNullable(imo).map(Imo::new), Optional.ofNullable(name),
                Optional.empty(), new GeoPoint(lat, lon, 0), Optional.of(90.0), Optional.of(speed), "AIS", at, "秘");
    }

    @Test
    void imoNumbers_checkTheirCheckDigit_andMmsisNameTheirFlag() {
        assertThat(new Imo(9074729).value()).isEqualTo(9074729);
        assertThatThrownBy(() -> new Imo(9074728)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("IMO number 9074728 fails its check digit (expected 9)");
        assertThat(Imo.parse("IMO 9356945")).isEqualTo(new Imo(9356945));
        assertThat(new Mmsi(445123000).flag()).contains("PRK");
        assertThat(new Mmsi(431001000).flag()).contains("JPN");
        assertThat(new Mmsi(667001234).flag()).contains("SLE");
        assertThat(new Mmsi(3669145).flag()).isEmpty();
        assertThatThrownBy(() -> Mmsi.parse("12345678901")).hasMessageContaining("MMSI '12345678901' is not 1 to 9 digits");
    }

    @Test
    void whatTheEncoderWrites_theDecoderReadsBack() {
        Mmsi mmsi = new Mmsi(445123000);
        AisStream stream = new AisStream();
        List<AisMessage> got = new ArrayList<>();
        for (String s : AisEncoder.staticData(mmsi, Optional.of(new Imo(9074729)), "HMAJ", "CHON MA SAN", 80,
                "NAMPO", 3)) {
            got.addAll(stream.read(s));
        }
        got.addAll(stream.read(AisEncoder.position(mmsi, 30.5123, 122.9876, Optional.of(0.4), Optional.of(271.5), 0, 17)));
        AisMessage.Static s = (AisMessage.Static) got.get(0);
        assertThat(s.imo()).contains(new Imo(9074729));
        assertThat(s.name()).contains("CHON MA SAN");
        assertThat(s.callSign()).contains("HMAJ");
        assertThat(s.destination()).contains("NAMPO");
        AisMessage.Position p = (AisMessage.Position) got.get(1);
        assertThat(p.mmsi()).isEqualTo(mmsi);
        assertThat(p.latitude().orElseThrow()).isCloseTo(30.5123, within(1e-6));
        assertThat(p.longitude().orElseThrow()).isCloseTo(122.9876, within(1e-6));
        assertThat(p.speed()).contains(0.4);
        assertThat(p.course()).contains(271.5);
        assertThat(p.second()).isEqualTo(17);
    }

    @Test
    void contactsOfOneImo_fuseIntoOneVessel_acrossPartiesAndMmsis() {
        List<VesselFusion.Vessel> vessels = VesselFusion.fuse(List.of(
                new VesselFusion.View(JPN, contact(445123000, 9074729, "CHON MA SAN", 30.51, 122.98, 0.5, T)),
                new VesselFusion.View(KOR, contact(445123000, null, null, 30.512, 122.981, 0.4, T.plusSeconds(60))),
                new VesselFusion.View(KOR, contact(667001234, 9074729, "YU PHYONG", 30.52, 122.99, 0.4, T.minusSeconds(60))),
                new VesselFusion.View(JPN, contact(352001000, 9356945, "LIGHTHOUSE", 30.40, 122.90, 11, T))));
        assertThat(vessels).hasSize(2);
        VesselFusion.Vessel v = vessels.stream().filter(x -> x.id().equals("IMO 9074729")).findFirst().orElseThrow();
        assertThat(v.mmsis()).extracting(Mmsi::value).containsExactly(445123000, 667001234);
        assertThat(v.flags()).containsExactly("PRK", "SLE");
        assertThat(v.time()).isEqualTo(T.plusSeconds(60));
        assertThat(v.position().latitude()).isEqualTo(30.512);
        assertThat(v.name()).contains("CHON MA SAN");
        assertThat(v.contributions()).extracting(VesselFusion.Contribution::party).containsExactly(KOR, JPN, KOR);
    }

    @Test
    void oneMmsiClaimedByTwoHulls_staysTwoVessels() {
        List<VesselFusion.Vessel> vessels = VesselFusion.fuse(List.of(
                new VesselFusion.View(JPN, contact(445123000, 9074729, "A", 30.51, 122.98, 0.5, T)),
                new VesselFusion.View(KOR, contact(445123000, 9356945, "B", 35.1, 129.0, 12, T))));
        assertThat(vessels).extracting(VesselFusion.Vessel::id).containsExactlyInAnyOrder("IMO 9074729", "IMO 9356945");
    }

    @Test
    void twoSlowVesselsSideBySide_areAPossibleTransfer_butNotTwoUnderWayOrFarApart() {
        List<VesselFusion.Vessel> vessels = VesselFusion.fuse(List.of(
                new VesselFusion.View(JPN, contact(445123000, 9074729, "CHON MA SAN", 30.5100, 122.9800, 0.5, T)),
                new VesselFusion.View(JPN, contact(667001234, null, "YUK TUNG", 30.5120, 122.9810, 0.3, T.plusSeconds(120))),
                new VesselFusion.View(JPN, contact(352001000, 9356945, "PASSING", 30.5110, 122.9790, 12, T)),
                new VesselFusion.View(JPN, contact(431001000, null, "FAR", 30.6000, 122.9800, 0.2, T))));
        List<Indications.Indication> found = Indications.detect(vessels, Map.of(), T.plusSeconds(300));
        assertThat(found).hasSize(1);
        Indications.Indication sts = found.getFirst();
        assertThat(sts.kind()).isEqualTo(Indications.Kind.SHIP_TO_SHIP_TRANSFER);
        assertThat(sts.vessels()).containsExactly("IMO 9074729", "MMSI 667001234");
        assertThat(sts.summary()).startsWith("possible ship-to-ship transfer: IMO 9074729 (CHON MA SAN, PRK) and "
                + "MMSI 667001234 (YUK TUNG, SLE)").contains(" m apart at 30.51N 122.98E");
        assertThat(sts.evidence()).extracting(Indications.Evidence::flag).containsExactly("PRK", "SLE");
    }

    @Test
    void aVesselUnderWayNotSeenForAnHour_wentDark_andOneImoUnderTwoFlags_changedFlag() {
        List<VesselFusion.Vessel> vessels = VesselFusion.fuse(List.of(
                new VesselFusion.View(JPN, contact(445123000, 9074729, "CHON MA SAN", 30.51, 122.98, 9.5, T))));
        assertThat(Indications.detect(vessels, Map.of(), T.plus(Duration.ofMinutes(59)))).isEmpty();
        List<Indications.Indication> dark = Indications.detect(vessels, Map.of(), T.plus(Duration.ofMinutes(61)));
        assertThat(dark).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(Indications.Kind.AIS_DARK);
            assertThat(i.summary()).contains("went dark").contains("nothing for 61 min");
        });
        Map<Imo, List<Indications.Identity>> seen = Map.of(new Imo(9074729), List.of(
                new Indications.Identity(new Mmsi(667001234), Optional.of("YU PHYONG"), T.minusSeconds(86_400), KOR),
                new Indications.Identity(new Mmsi(445123000), Optional.of("CHON MA SAN"), T, JPN)));
        List<Indications.Indication> flag = Indications.detect(vessels, seen, T);
        assertThat(flag).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(Indications.Kind.FLAG_CHANGE);
            assertThat(i.summary()).isEqualTo("IMO 9074729 changed flag: SLE (MMSI 667001234, YU PHYONG) → PRK "
                    + "(MMSI 445123000, CHON MA SAN)");
        });
    }

    @Test
    void aTransferIsFound_atHighLatitudes_andAcrossTheAntimeridian() {
        GeoPoint a = new GeoPoint(60, 170, 0);
        GeoPoint b = new GeoPoint(60, 170.0087, 0);
        assertThat(a.distanceTo(b)).isBetween(400.0, 500.0);
        List<VesselFusion.Vessel> high = VesselFusion.fuse(List.of(
                new VesselFusion.View(JPN, contact(445123000, null, null, a.latitude(), a.longitude(), 0.5, T)),
                new VesselFusion.View(JPN, contact(667001234, null, null, b.latitude(), b.longitude(), 0.5, T))));
        assertThat(Indications.detect(high, Map.of(), T)).singleElement().satisfies(i ->
                assertThat(i.kind()).isEqualTo(Indications.Kind.SHIP_TO_SHIP_TRANSFER));
        List<VesselFusion.Vessel> dateLine = VesselFusion.fuse(List.of(
                new VesselFusion.View(JPN, contact(445123000, null, null, 10, 179.9996, 0.5, T)),
                new VesselFusion.View(JPN, contact(667001234, null, null, 10, -179.9996, 0.5, T))));
        assertThat(Indications.detect(dateLine, Map.of(), T)).singleElement().satisfies(i ->
                assertThat(Math.abs(i.position().longitude())).isGreaterThan(179.99));
    }

    @Test
    void aMessageShorterThanItsType_isRefused_andAStaleFragmentJoinsNothing() {
        assertThatThrownBy(() -> new AisStream().read("!AIVDM,1,1,,A,16Sg0@0,0*55"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("AIS_INVALID"))
                .hasMessageContaining("fewer than its 168");
        List<String> one = AisEncoder.staticData(new Mmsi(445123000), Optional.empty(), "HMAJ", "CHON MA SAN", 80, "", 4);
        List<String> other = AisEncoder.staticData(new Mmsi(667001234), Optional.empty(), "9LY2", "YUK TUNG", 80, "", 4);
        AisStream stream = new AisStream();
        assertThat(stream.read(one.get(0))).isEmpty();
        String position = AisEncoder.position(new Mmsi(431001000), 33.9, 130.9, Optional.of(12.0), Optional.empty(), 0, 1);
        for (int i = 0; i < 70; i++) {
            stream.read(position);
        }
        // The first message's first fragment is stale: the other's last fragment, with the same id, makes no mix.
        assertThat(stream.read(other.get(1))).isEmpty();
        assertThat(stream.droppedFragments()).isEqualTo(1);
        assertThat(stream.read(other.get(0))).singleElement().satisfies(m ->
                assertThat(((AisMessage.Static) m).name()).contains("YUK TUNG"));
    }
}
