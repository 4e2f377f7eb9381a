package io.liaison.catalog.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundObjectTest {
    private static final KeyPair KEYS = keys();
    private static final X509Certificate CERT = certificate(KEYS, "CN=kor-node, O=KOR");
    private static final KeyPair OTHER_KEYS = keys();
    private static final X509Certificate OTHER = certificate(OTHER_KEYS, "CN=mallory");
    private static final byte[] LABEL = LabelXml.write(SecurityLabel.of(new PolicyIdentifier("NATO",
            Optional.of("urn:oid:1.3.26.1.3.1")), "SECRET", Party.of("KOR"), Instant.parse("2016-11-23T09:00:00Z")),
            LabelRole.ORIGINATOR).getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "TEL sighted at Sinpo".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBoundObject_verifiesAndGivesBackItsLabelTitleAndData() {
        byte[] bound = BoundObject.bind(LABEL, "Launch", TEXT, KEYS.getPrivate(), CERT);
        BoundObject read = BoundObject.verify(bound, "bound.xml", CERT::equals);
        assertThat(read.text()).isEqualTo("TEL sighted at Sinpo");
        assertThat(read.title()).isEqualTo("Launch");
        assertThat(LabelXml.read(read.label(), "label").label().classification()).isEqualTo("SECRET");
        assertThat(read.signer()).isEqualTo(CERT);
    }

    @Test
    void aChangedLabelOrData_orAnUntrustedSigner_isRefusedBeforeAnythingIsRead() {
        String bound = new String(BoundObject.bind(LABEL, "Launch", TEXT, KEYS.getPrivate(), CERT),
                StandardCharsets.UTF_8);
        String lowered = bound.replace(">SECRET<", ">UNCLASSIFIED<");
        assertThat(lowered).isNotEqualTo(bound);
        assertThatThrownBy(() -> verify(lowered)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("BINDING_BROKEN")).hasMessageContaining("the label (metadata binding)");
        String b64 = java.util.Base64.getEncoder().encodeToString(TEXT);
        String other = bound.replace(b64, java.util.Base64.getEncoder().encodeToString("nothing seen"
                .getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> verify(other)).hasMessageContaining("the data object changed");
        assertThatThrownBy(() -> BoundObject.verify(bound.getBytes(StandardCharsets.UTF_8), "b.xml", c -> false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                        .isEqualTo("BINDING_UNTRUSTED"));
        byte[] forged = BoundObject.bind(LABEL, "Launch", TEXT, OTHER_KEYS.getPrivate(), OTHER);
        assertThatThrownBy(() -> BoundObject.verify(forged, "f.xml", CERT::equals)).hasMessageContaining("CN=mallory");
    }

    @Test
    void aWrappedOrStrippedBinding_isRefused() {
        String bound = new String(BoundObject.bind(LABEL, "Launch", TEXT, KEYS.getPrivate(), CERT),
                StandardCharsets.UTF_8);
        String wrapped = bound.replace("</bdo:BoundDataObject>", "<bdo:Extra Id=\"data\"/></bdo:BoundDataObject>");
        assertThatThrownBy(() -> verify(wrapped)).hasMessageContaining("carries the Id data");
        String unsigned = bound.replaceAll("(?s)<ds:Signature.*</ds:Signature>", "");
        assertThatThrownBy(() -> verify(unsigned)).hasMessageContaining("0 Signature elements");
        String twoData = bound.replace("</bdo:BoundDataObject>", "<bdo:Data Id=\"d2\">AA==</bdo:Data></bdo:BoundDataObject>");
        assertThatThrownBy(() -> verify(twoData)).hasMessageContaining("2 Data elements");
        String dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]>" + bound.substring(bound.indexOf("?>") + 2);
        assertThatThrownBy(() -> verify(dtd)).hasMessageContaining("DOCTYPE is not allowed");
    }

    private static BoundObject verify(String xml) {
        return BoundObject.verify(xml.getBytes(StandardCharsets.UTF_8), "bound.xml", CERT::equals);
    }

    private static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(KeyPair keys, String dn) {
        try {
            Date from = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
            Date to = Date.from(Instant.parse("2040-01-01T00:00:00Z"));
            var builder = new JcaX509v3CertificateBuilder(new X500Name(dn), BigInteger.ONE, from, to, new X500Name(dn),
                    keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519")
                    .build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
