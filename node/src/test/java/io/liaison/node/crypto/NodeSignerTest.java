package io.liaison.node.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.time.Clock;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class NodeSignerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "audit entry 17: release approved".getBytes(UTF_8);

    @TempDir
    Path dir;

    private final NodeSigner signer = NodeSigner.generate(RANDOM);

    @Test
    void sign_thenVerifyWithItsPublicKey_succeeds() {
        byte[] signature = signer.sign(MESSAGE);
        assertThat(signature).hasSize(64);
        assertThat(NodeSigner.verify(signer.publicKey(), MESSAGE, signature)).isTrue();
    }

    @Test
    void verify_withAnAlteredMessage_returnsFalse() {
        byte[] signature = signer.sign(MESSAGE);
        for (int i = 0; i < MESSAGE.length; i++) {
            assertThat(NodeSigner.verify(signer.publicKey(), ItemCipherTest.flip(MESSAGE, i), signature)).isFalse();
        }
        assertThat(NodeSigner.verify(signer.publicKey(), new byte[0], signature)).isFalse();
    }

    @Test
    void verify_withAnyByteOfTheSignatureAltered_returnsFalse() {
        byte[] signature = signer.sign(MESSAGE);
        for (int i = 0; i < signature.length; i++) {
            assertThat(NodeSigner.verify(signer.publicKey(), MESSAGE, ItemCipherTest.flip(signature, i))).isFalse();
        }
    }

    @Test
    void verify_withGarbageInput_returnsFalseAndNeverThrows() throws Exception {
        byte[] random64 = new byte[64];
        RANDOM.nextBytes(random64);
        PublicKey ecKey = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        PublicKey key = signer.publicKey();
        assertThat(NodeSigner.verify(key, MESSAGE, random64)).isFalse();
        assertThat(NodeSigner.verify(key, MESSAGE, new byte[0])).isFalse();
        assertThat(NodeSigner.verify(key, MESSAGE, new byte[10])).isFalse();
        assertThat(NodeSigner.verify(key, MESSAGE, new byte[65])).isFalse();
        assertThat(NodeSigner.verify(key, MESSAGE, null)).isFalse();
        assertThat(NodeSigner.verify(key, null, signer.sign(MESSAGE))).isFalse();
        assertThat(NodeSigner.verify(null, MESSAGE, signer.sign(MESSAGE))).isFalse();
        assertThat(NodeSigner.verify(ecKey, MESSAGE, signer.sign(MESSAGE))).isFalse();
    }

    @Test
    void verify_withAnotherSignersKey_returnsFalse() {
        NodeSigner other = NodeSigner.generate(RANDOM);
        assertThat(NodeSigner.verify(other.publicKey(), MESSAGE, signer.sign(MESSAGE))).isFalse();
    }

    @Test
    void save_thenLoad_restoresTheSameKeyPair() {
        Path privatePem = dir.resolve("node.key");
        signer.save(privatePem, dir.resolve("node.pub"));
        NodeSigner loaded = NodeSigner.load(privatePem);
        assertThat(loaded.publicKey()).isEqualTo(signer.publicKey());
        assertThat(loaded.keyId()).isEqualTo(signer.keyId());
        // Ed25519 is deterministic: the same private key gives the same signature.
        assertThat(loaded.sign(MESSAGE)).isEqualTo(signer.sign(MESSAGE));
        assertThat(NodeSigner.verify(signer.publicKey(), MESSAGE, loaded.sign(MESSAGE))).isTrue();
    }

    @Test
    void save_writesStandardPemFiles_privateOwnerOnlyAndPublicReadable() throws IOException {
        Path privatePem = dir.resolve("node.key");
        Path publicPem = dir.resolve("node.pub");
        signer.save(privatePem, publicPem);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privatePem))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(publicPem))).isEqualTo("rw-r--r--");
        String privateText = Files.readString(privatePem);
        String publicText = Files.readString(publicPem);
        assertThat(privateText).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicText).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        // An independent PEM parser reads both files as the standard structures.
        try (PEMParser parser = new PEMParser(new StringReader(privateText))) {
            PrivateKeyInfo info = (PrivateKeyInfo) parser.readObject();
            assertThat(info.getPrivateKeyAlgorithm().getAlgorithm().getId()).isEqualTo("1.3.101.112");
        }
        try (PEMParser parser = new PEMParser(new StringReader(publicText))) {
            SubjectPublicKeyInfo info = (SubjectPublicKeyInfo) parser.readObject();
            assertThat(info.getEncoded()).isEqualTo(signer.publicKey().getEncoded());
        }
    }

    @Test
    void readPublicKey_readsTheSavedPublicKey() {
        Path publicPem = dir.resolve("node.pub");
        signer.save(dir.resolve("node.key"), publicPem);
        PublicKey key = NodeSigner.readPublicKey(publicPem);
        assertThat(key).isEqualTo(signer.publicKey());
        assertThat(NodeSigner.verify(key, MESSAGE, signer.sign(MESSAGE))).isTrue();
    }

    @Test
    void load_refusesAKeyFileReadableByOthers() throws IOException {
        Path privatePem = dir.resolve("node.key");
        signer.save(privatePem, dir.resolve("node.pub"));
        Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> NodeSigner.load(privatePem))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + privatePem + " is readable by group or others (mode rw-r--r--); chmod 600 it");
    }

    @Test
    void load_refusesAFileWithoutAnEd25519PrivateKey() {
        Path ecKey = dir.resolve("ec.key");
        Pki.writePrivateKeyPem(Pki.createPartyCa("USA", RANDOM, Clock.systemUTC()).privateKey(), ecKey);
        assertThatThrownBy(() -> NodeSigner.load(ecKey))
                .isInstanceOf(CryptoException.class)
                .hasMessageStartingWith("key file " + ecKey + " does not hold");
        Path publicOnly = dir.resolve("public.key");
        KeyFiles.writeOwnerOnly(publicOnly, Pem.encode("PUBLIC KEY", signer.publicKey().getEncoded()));
        assertThatThrownBy(() -> NodeSigner.load(publicOnly))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + publicOnly + " holds no PEM block labelled 'PRIVATE KEY'");
    }

    @Test
    void decodePublicKey_acceptsItsOwnEncoding_andRefusesGarbageAndOtherKeyTypes() throws Exception {
        assertThat(NodeSigner.decodePublicKey(signer.publicKey().getEncoded())).isEqualTo(signer.publicKey());
        byte[] ecKey = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> NodeSigner.decodePublicKey(ecKey)).isInstanceOf(CryptoException.class)
                .hasMessage("public key of " + ecKey.length + " bytes is not an X.509-encoded Ed25519 public key");
        assertThatThrownBy(() -> NodeSigner.decodePublicKey(new byte[] {1, 2, 3})).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> NodeSigner.decodePublicKey(new byte[0])).isInstanceOf(CryptoException.class);
    }

    @Test
    void keyId_isTheFirst16HexCharactersOfTheSha256OfThePublicKey() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(signer.publicKey().getEncoded());
        assertThat(signer.keyId()).isEqualTo(HexFormat.of().formatHex(digest).substring(0, 16)).hasSize(16);
        assertThat(NodeSigner.generate(RANDOM).keyId()).isNotEqualTo(signer.keyId());
    }

    @Test
    void toString_revealsNoPrivateKeyBytes() {
        String text = signer.toString();
        assertThat(text).isEqualTo("NodeSigner[keyId=" + signer.keyId() + ", privateKey=redacted]");
        Path privatePem = dir.resolve("node.key");
        signer.save(privatePem, dir.resolve("node.pub"));
        byte[] der = Pem.decode("PRIVATE KEY", KeyFiles.readOwnerOnly(privatePem), "test");
        Leaks.assertRevealsNothing(text, der);
        Leaks.assertRevealsNothing(text, java.util.Arrays.copyOfRange(der, der.length - 32, der.length));
    }

    @Test
    void generate_drawsFromTheInjectedRandom() throws Exception {
        NodeSigner first = NodeSigner.generate(MasterKeyTest.seeded(3));
        NodeSigner second = NodeSigner.generate(MasterKeyTest.seeded(3));
        assertThat(first.keyId()).isEqualTo(second.keyId());
        assertThat(NodeSigner.generate(MasterKeyTest.seeded(4)).keyId()).isNotEqualTo(first.keyId());
    }

    @Test
    void savedPrivateKey_isAlsoReadableAsAGenericPkcs8Key() {
        Path privatePem = dir.resolve("node.key");
        signer.save(privatePem, dir.resolve("node.pub"));
        assertThat(Pki.readPrivateKeyPem(privatePem)).isInstanceOf(EdECPrivateKey.class);
    }

    @org.junit.jupiter.api.Test
    void fastSignatures_areExactlyTheJdksAndVerifyWithTheJdk() throws Exception {
        NodeSigner signer = NodeSigner.generate(new java.security.SecureRandom());
        for (int n : new int[] {0, 1, 31, 200, 4096}) {
            byte[] message = new byte[n];
            new java.util.Random(n).nextBytes(message);
            byte[] fast = signer.sign(message);
            org.assertj.core.api.Assertions.assertThat(fast).isEqualTo(signer.signWithJdk(message));
            java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
            jdk.initVerify(signer.publicKey());
            jdk.update(message);
            org.assertj.core.api.Assertions.assertThat(jdk.verify(fast)).isTrue();
        }
    }
}
