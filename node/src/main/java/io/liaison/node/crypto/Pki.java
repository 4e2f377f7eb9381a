package io.liaison.node.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A party CA and node TLS certificates (ECDSA P-256, SHA256withECDSA), Bouncy Castle X.509.
 *
 * <p>Each party runs its own CA; its nodes get certificates for mutual TLS, valid as both server and client.
 * Bouncy Castle only builds the certificates: keys, signing and parsing use the JDK providers, so nothing is
 * registered globally.
 */
public final class Pki {
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final int CA_YEARS = 10;
    private static final int NODE_YEARS = 2;
    // Backdated so a peer whose clock runs a little behind does not reject a certificate issued just now.
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private Pki() {
    }

    /**
     * A certificate and its private key.
     *
     * @param certificate the certificate
     * @param privateKey the key matching the certificate's public key
     */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
        public Issued {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        /** Names the certificate; never prints the key. */
        @Override
        public String toString() {
            return "Issued[subject=" + certificate.getSubjectX500Principal().getName() + ", serial="
                    + certificate.getSerialNumber().toString(16) + ", notAfter="
                    + certificate.getNotAfter().toInstant() + ", privateKey=redacted]";
        }
    }

    /**
     * Creates a self-signed party CA: CN=Liaison &lt;party&gt; CA, O=&lt;party&gt;; basicConstraints CA:true
     * (critical, path length 0, since it signs node certificates only); keyCertSign and cRLSign; valid 10 years.
     */
    public static Issued createPartyCa(String party, SecureRandom random, Clock clock) {
        String code = CertificateNames.party(party);
        Objects.requireNonNull(random, "random");
        Instant now = now(clock);
        KeyPair pair = newKeyPair(random);
        X500Name name = CertificateNames.subject("Liaison " + code + " CA", code);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, pair.getPublic(), now, years(now, CA_YEARS), random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new Issued(sign(builder, pair.getPrivate(), random), pair.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the CA certificate for party " + code, e);
        }
    }

    /**
     * Issues a node certificate signed by {@code ca}: CN=&lt;nodeName&gt;, O=&lt;party&gt;; the given DNS and IP
     * subject alternative names; serverAuth and clientAuth; valid 2 years, but never past the CA's own expiry.
     *
     * @throws CryptoException if {@code ca} is not a CA of {@code party}, is not valid now, or does not match its
     *     key; or if a name is invalid or there are no alternative names at all
     */
    public static Issued issueNodeCertificate(Issued ca, String party, String nodeName, List<String> dnsNames,
            List<String> ipAddresses, SecureRandom random, Clock clock) {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(random, "random");
        String code = CertificateNames.party(party);
        String node = CertificateNames.nodeName(nodeName);
        var altNames = CertificateNames.subjectAltNames(List.copyOf(dnsNames), List.copyOf(ipAddresses));
        X509Certificate caCert = ca.certificate();
        Instant now = now(clock);
        requireIssuer(caCert, code, now);
        Instant caExpiry = caCert.getNotAfter().toInstant();
        Instant notAfter = years(now, NODE_YEARS).isAfter(caExpiry) ? caExpiry : years(now, NODE_YEARS);
        KeyPair pair = newKeyPair(random);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(CertificateNames.name(caCert.getSubjectX500Principal()),
                    CertificateNames.subject(node, code), pair.getPublic(), now, notAfter, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, altNames)
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCert));
            X509Certificate certificate = sign(builder, ca.privateKey(), random);
            requireSignedBy(certificate, caCert);
            return new Issued(certificate, pair.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the node certificate for " + node, e);
        }
    }

    /**
     * Certifies the node's Ed25519 signing key under the party CA, so that a peer which pins only the CA can
     * check who signed an envelope: CN=&lt;nodeName&gt; signing, O=&lt;party&gt;; digitalSignature and
     * nonRepudiation, no TLS use; valid 2 years, never past the CA's own expiry.
     *
     * @throws CryptoException if {@code ca} is not a CA of {@code party} valid now, or the key is not Ed25519
     */
    public static X509Certificate issueSigningCertificate(Issued ca, String party, String nodeName,
            PublicKey signingKey, SecureRandom random, Clock clock) {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(random, "random");
        if (!"Ed25519".equals(signingKey.getAlgorithm()) && !"EdDSA".equals(signingKey.getAlgorithm())) {
            throw new CryptoException("a node signing key is Ed25519, not " + signingKey.getAlgorithm());
        }
        String code = CertificateNames.party(party);
        String node = CertificateNames.nodeName(nodeName);
        X509Certificate caCert = ca.certificate();
        Instant now = now(clock);
        requireIssuer(caCert, code, now);
        Instant caExpiry = caCert.getNotAfter().toInstant();
        Instant notAfter = years(now, NODE_YEARS).isAfter(caExpiry) ? caExpiry : years(now, NODE_YEARS);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(CertificateNames.name(caCert.getSubjectX500Principal()),
                    CertificateNames.subject(node + " signing", code), signingKey, now, notAfter, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(signingKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCert));
            X509Certificate certificate = sign(builder, ca.privateKey(), random);
            requireSignedBy(certificate, caCert);
            return certificate;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the signing certificate for " + node, e);
        }
    }

    /** The party a certificate names (its O), if exactly one. */
    public static Optional<String> partyOf(X509Certificate certificate) {
        return Optional.ofNullable(CertificateNames.organization(certificate.getSubjectX500Principal()));
    }

    /**
     * Checks that {@code certificate} was issued by the party CA {@code ca} and is valid at {@code now}: the
     * CA's signature, the issuer name, both validity periods, and the same party (O) in both. Returns the
     * problem in one sentence, or empty when there is none.
     */
    public static Optional<String> checkIssued(X509Certificate certificate, X509Certificate ca, Instant now) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return Optional.of("it was issued by " + certificate.getIssuerX500Principal().getName() + ", not by the pinned "
                    + ca.getSubjectX500Principal().getName());
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("the pinned CA's signature on it does not verify");
        }
        java.util.Date at = java.util.Date.from(now);
        try {
            ca.checkValidity(at);
            certificate.checkValidity(at);
        } catch (java.security.cert.CertificateException e) {
            return Optional.of("it or its CA is not valid at " + now + " (valid " + certificate.getNotBefore().toInstant()
                    + " to " + certificate.getNotAfter().toInstant() + ")");
        }
        Optional<String> party = partyOf(certificate);
        if (party.isEmpty() || !party.equals(partyOf(ca))) {
            return Optional.of("it names party " + party.orElse("(none)") + ", the CA " + partyOf(ca).orElse("(none)"));
        }
        return Optional.empty();
    }

    /** Writes a PEM "CERTIFICATE" file atomically with mode {@code rw-r--r--}: certificates are public. */
    /** The PEM text of a certificate. */
    public static String certificatePem(X509Certificate cert) {
        try {
            return new String(Pem.encode("CERTIFICATE", cert.getEncoded()), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate " + cert.getSubjectX500Principal(), e);
        }
    }

    public static void writeCertificatePem(X509Certificate cert, Path file) {
        try {
            KeyFiles.writePublic(file, Pem.encode("CERTIFICATE", cert.getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate " + cert.getSubjectX500Principal(), e);
        }
    }

    /** Writes a PKCS#8 PEM "PRIVATE KEY" file atomically with mode {@code rw-------}. */
    public static void writePrivateKeyPem(PrivateKey key, Path file) {
        byte[] der = key.getEncoded();
        byte[] pem = Pem.encode("PRIVATE KEY", der);
        try {
            KeyFiles.writeOwnerOnly(file, pem);
        } finally {
            Arrays.fill(der, (byte) 0);
            Arrays.fill(pem, (byte) 0);
        }
    }

    /** Reads the first PEM "CERTIFICATE" in {@code file}. */
    public static X509Certificate readCertificatePem(Path file) {
        return parseCertificatePem(KeyFiles.read(file, "certificate file"), "certificate file " + file);
    }

    /** Parses PEM "CERTIFICATE" bytes; errors name {@code source}. */
    public static X509Certificate parseCertificatePem(byte[] pem, String source) {
        byte[] der = Pem.decode("CERTIFICATE", pem, source);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CryptoException(source + " does not hold a valid X.509 certificate", e);
        }
    }

    /**
     * Reads a PKCS#8 PEM "PRIVATE KEY" file (EC, Ed25519 or RSA).
     *
     * @throws CryptoException naming the file if group or others may access it or it holds no usable key
     */
    public static PrivateKey readPrivateKeyPem(Path file) {
        String source = "key file " + file;
        byte[] pem = KeyFiles.readOwnerOnly(file);
        byte[] der = Pem.decode("PRIVATE KEY", pem, source);
        Arrays.fill(pem, (byte) 0);
        try {
            return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(der));
        } catch (IOException | RuntimeException e) {
            // The cause is dropped: parser messages can quote the bytes they choked on, and these are a key.
            throw new CryptoException(source + " does not hold a usable PKCS#8 private key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static void requireIssuer(X509Certificate ca, String party, Instant now) {
        String subject = ca.getSubjectX500Principal().getName();
        if (ca.getBasicConstraints() < 0) {
            throw new CryptoException("certificate " + subject + " is not a CA; it cannot issue node certificates");
        }
        if (!party.equals(CertificateNames.organization(ca.getSubjectX500Principal()))) {
            throw new CryptoException("CA " + subject + " is not the CA of party " + party);
        }
        try {
            ca.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new CryptoException("CA " + subject + " is not valid at " + now + " (valid "
                    + ca.getNotBefore().toInstant() + " to " + ca.getNotAfter().toInstant() + ")", e);
        }
    }

    // Catches a CA record whose private key is not the certificate's, before a useless certificate is handed out.
    private static void requireSignedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CryptoException("the private key of CA " + ca.getSubjectX500Principal().getName()
                    + " does not match its certificate", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant now,
            Instant notAfter, SecureRandom random) {
        // 128 random bits: unpredictable serials, as RFC 5280 and the CA/Browser Forum ask; +1 keeps it positive.
        BigInteger serial = new BigInteger(128, random).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)), Date.from(notAfter),
                subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, SecureRandom random)
            throws CertificateException {
        try {
            // ECDSA draws a nonce per signature; it comes from the injected random like everything else.
            var signer = new JcaContentSignerBuilder(SIGNATURE).setSecureRandom(random).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + SIGNATURE, e);
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
        }
    }

    // X.509 times have whole seconds; truncating keeps the stored validity equal to what was computed.
    private static Instant now(Clock clock) {
        return Objects.requireNonNull(clock, "clock").instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant years(Instant from, int years) {
        return from.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
    }
}
