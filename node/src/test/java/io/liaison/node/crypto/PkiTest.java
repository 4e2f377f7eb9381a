package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class PkiTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Pki.Issued CA = Pki.createPartyCa("USA", RANDOM, CLOCK);

    @TempDir
    Path dir;

    @Test
    void createPartyCa_isASelfSignedCaForTheParty() throws Exception {
        X509Certificate ca = CA.certificate();
        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=Liaison USA CA, O=USA"));
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Liaison USA CA,O=USA");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        boolean[] keyUsage = ca.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(keyUsage[0]).as("digitalSignature").isFalse();
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(CA.privateKey()).isInstanceOf(ECPrivateKey.class);
        assertThat(ca.getVersion()).isEqualTo(3);
        assertThat(ca.getSerialNumber().signum()).isPositive();
    }

    @Test
    void createPartyCa_isValidForTenYearsFromTheClock_backdatedFiveMinutes() {
        X509Certificate ca = CA.certificate();
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-03-01T12:00:00Z"));
    }

    @Test
    void createPartyCa_refusesAnInvalidPartyCode() {
        assertThatThrownBy(() -> Pki.createPartyCa("usa", RANDOM, CLOCK)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("party code 'usa' is invalid");
        assertThatThrownBy(() -> Pki.createPartyCa("U,O=X", RANDOM, CLOCK)).isInstanceOf(CryptoException.class);
    }

    @Test
    void issueNodeCertificate_isSignedByTheCa_withTheNamesSansAndEkus() throws Exception {
        Pki.Issued node = issue("node-1", List.of("node1.usa.example", "localhost"), List.of("127.0.0.1", "::1"));
        X509Certificate cert = node.certificate();
        cert.verify(CA.certificate().getPublicKey());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=node-1, O=USA"));
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "node1.usa.example"), List.of(2, "localhost"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(cert.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getSerialNumber()).isNotEqualTo(CA.certificate().getSerialNumber());
        assertThat(cert.getPublicKey()).isNotEqualTo(CA.certificate().getPublicKey());
    }

    @Test
    void issueNodeCertificate_passesPkixPathValidationWithOnlyTheCaAsAnchor() throws Exception {
        Pki.Issued node = issue("node-1", List.of("node1.usa.example"), List.of());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(CA.certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(node.certificate()));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    @Test
    void issueNodeCertificate_isValidForTwoYears_butNeverPastTheCa() {
        X509Certificate cert = issue("node-1", List.of("n1"), List.of()).certificate();
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2028-03-01T12:00:00Z"));
        Clock late = Clock.fixed(Instant.parse("2035-01-01T00:00:00Z"), ZoneOffset.UTC);
        X509Certificate capped = Pki.issueNodeCertificate(CA, "USA", "node-2", List.of("n2"), List.of(), RANDOM, late)
                .certificate();
        assertThat(capped.getNotAfter()).isEqualTo(CA.certificate().getNotAfter());
    }

    @Test
    void issueNodeCertificate_refusesBadNamesAndMissingSans() {
        assertThatThrownBy(() -> issue("node-1", List.of(), List.of())).isInstanceOf(CryptoException.class)
                .hasMessage("a node certificate needs at least one DNS name or IP address");
        assertThatThrownBy(() -> issue("node-1", List.of(), List.of("300.1.1.1"))).isInstanceOf(CryptoException.class)
                .hasMessage("IP address '300.1.1.1' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> issue("node-1", List.of("bad name"), List.of())).isInstanceOf(CryptoException.class)
                .hasMessage("DNS name 'bad name' is not a valid host name");
        assertThatThrownBy(() -> issue("node-1", List.of("a..b"), List.of())).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> issue("-x", List.of("n1"), List.of())).isInstanceOf(CryptoException.class)
                .hasMessageStartingWith("node name '-x' is invalid");
        assertThatThrownBy(() -> issue("CN=evil,O=GBR", List.of("n1"), List.of())).isInstanceOf(CryptoException.class);
    }

    @Test
    void issueNodeCertificate_refusesAnIssuerThatIsNotTheValidCaOfTheParty() {
        Pki.Issued node = issue("node-1", List.of("n1"), List.of());
        assertThatThrownBy(() -> Pki.issueNodeCertificate(node, "USA", "n", List.of("n"), List.of(), RANDOM, CLOCK))
                .isInstanceOf(CryptoException.class)
                .hasMessage("certificate CN=node-1,O=USA is not a CA; it cannot issue node certificates");
        assertThatThrownBy(() -> Pki.issueNodeCertificate(CA, "GBR", "n", List.of("n"), List.of(), RANDOM, CLOCK))
                .isInstanceOf(CryptoException.class)
                .hasMessage("CA CN=Liaison USA CA,O=USA is not the CA of party GBR");
        Clock expired = Clock.fixed(Instant.parse("2037-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> Pki.issueNodeCertificate(CA, "USA", "n", List.of("n"), List.of(), RANDOM, expired))
                .isInstanceOf(CryptoException.class)
                .hasMessageStartingWith("CA CN=Liaison USA CA,O=USA is not valid at 2037-01-01T00:00:00Z");
        Pki.Issued mismatched = new Pki.Issued(CA.certificate(), Pki.createPartyCa("USA", RANDOM, CLOCK).privateKey());
        assertThatThrownBy(() -> Pki.issueNodeCertificate(mismatched, "USA", "n", List.of("n"), List.of(), RANDOM,
                CLOCK)).isInstanceOf(CryptoException.class)
                .hasMessage("the private key of CA CN=Liaison USA CA,O=USA does not match its certificate");
    }

    @Test
    void certificatePem_roundTrips_andIsAStandardPublicFile() throws IOException {
        Path file = dir.resolve("ca.pem");
        Pki.writeCertificatePem(CA.certificate(), file);
        assertThat(Pki.readCertificatePem(file)).isEqualTo(CA.certificate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
            assertThat(((X509CertificateHolder) parser.readObject()).getEncoded())
                    .isEqualTo(CA.certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void privateKeyPem_roundTrips_withExactlyModeRwOnly() throws IOException {
        Path file = dir.resolve("ca.key");
        Pki.writePrivateKeyPem(CA.privateKey(), file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        PrivateKey read = Pki.readPrivateKeyPem(file);
        assertThat(read).isInstanceOf(ECPrivateKey.class);
        assertThat(read.getEncoded()).isEqualTo(CA.privateKey().getEncoded());
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
            assertThat(parser.readObject()).isInstanceOf(PrivateKeyInfo.class);
        }
    }

    @Test
    void readPrivateKeyPem_refusesAFileReadableByOthers() throws IOException {
        Path file = dir.resolve("ca.key");
        Pki.writePrivateKeyPem(CA.privateKey(), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> Pki.readPrivateKeyPem(file)).isInstanceOf(CryptoException.class)
                .hasMessage("key file " + file + " is readable by group or others (mode rw-r-----); chmod 600 it");
    }

    @Test
    void readPem_refusesTheWrongKindOfFileOrGarbage() {
        Path key = dir.resolve("ca.key");
        Pki.writePrivateKeyPem(CA.privateKey(), key);
        assertThatThrownBy(() -> Pki.readCertificatePem(key)).isInstanceOf(CryptoException.class)
                .hasMessage("certificate file " + key + " holds no PEM block labelled 'CERTIFICATE'");
        Path garbage = dir.resolve("garbage.key");
        KeyFiles.writeOwnerOnly(garbage, Pem.encode("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
        assertThatThrownBy(() -> Pki.readPrivateKeyPem(garbage)).isInstanceOf(CryptoException.class)
                .hasMessage("key file " + garbage + " does not hold a usable PKCS#8 private key");
        Path badCert = dir.resolve("bad.pem");
        KeyFiles.writePublic(badCert, Pem.encode("CERTIFICATE", new byte[] {0x30, 0x00}));
        assertThatThrownBy(() -> Pki.readCertificatePem(badCert)).isInstanceOf(CryptoException.class)
                .hasMessage("certificate file " + badCert + " does not hold a valid X.509 certificate");
    }

    @Test
    void issued_toStringNamesTheCertificateButNeverPrintsTheKey() {
        Pki.Issued node = issue("node-1", List.of("n1"), List.of());
        for (Pki.Issued issued : List.of(CA, node)) {
            String text = issued.toString();
            assertThat(text).contains("subject=" + issued.certificate().getSubjectX500Principal().getName())
                    .endsWith("privateKey=redacted]");
            Leaks.assertRevealsNothing(text, issued.privateKey().getEncoded());
            Leaks.assertRevealsNothing(text, ((ECPrivateKey) issued.privateKey()).getS().toByteArray());
        }
    }

    private static Pki.Issued issue(String nodeName, List<String> dnsNames, List<String> ipAddresses) {
        return Pki.issueNodeCertificate(CA, "USA", nodeName, dnsNames, ipAddresses, RANDOM, CLOCK);
    }

    @Test
    void signingCertificate_certifiesTheNodeKey_andChecksAgainstItsCaOnly() throws Exception {
        NodeSigner signer = NodeSigner.generate(RANDOM);
        X509Certificate cert = Pki.issueSigningCertificate(CA, "USA", "usa-node", signer.publicKey(), RANDOM, CLOCK);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=usa-node signing,O=USA");
        assertThat(cert.getPublicKey().getEncoded()).isEqualTo(signer.publicKey().getEncoded());
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(cert.getExtendedKeyUsage()).isNull();
        assertThat(Pki.checkIssued(cert, CA.certificate(), NOW)).isEmpty();
        assertThat(Pki.partyOf(cert)).contains("USA");

        Pki.Issued other = Pki.createPartyCa("USA", RANDOM, CLOCK);
        assertThat(Pki.checkIssued(cert, other.certificate(), NOW)).hasValueSatisfying(p ->
                assertThat(p).contains("signature on it does not verify"));
        assertThat(Pki.checkIssued(cert, CA.certificate(), NOW.plus(java.time.Duration.ofDays(800))))
                .hasValueSatisfying(p -> assertThat(p).contains("not valid at"));
        Pki.Issued kor = Pki.createPartyCa("KOR", RANDOM, CLOCK);
        assertThat(Pki.checkIssued(cert, kor.certificate(), NOW)).hasValueSatisfying(p -> assertThat(p).contains("issued by"));
    }

    @Test
    void signingCertificate_refusesAKeyThatIsNotEd25519() {
        Pki.Issued tls = Pki.issueNodeCertificate(CA, "USA", "usa-node", java.util.List.of("localhost"),
                java.util.List.of(), RANDOM, CLOCK);
        assertThatThrownBy(() -> Pki.issueSigningCertificate(CA, "USA", "usa-node", tls.certificate().getPublicKey(),
                RANDOM, CLOCK)).isInstanceOf(CryptoException.class).hasMessageContaining("Ed25519");
    }
}
