package io.liaison.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Init certifies the node signing key under the party CA; a node made without one gets one when opened. */
@org.junit.jupiter.api.Timeout(600)
class NodeSigningCertificateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));

    @Test
    void init_writesTheSigningCertificate_andOpenRestoresAMissingOne() throws Exception {
        try (TestNodes.Created created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock)) {
            NodePaths paths = new NodePaths(created.dir());
            X509Certificate ca = Pki.readCertificatePem(paths.caCertificate());
            X509Certificate first = Pki.readCertificatePem(paths.signingCertificate());
            assertThat(Pki.checkIssued(first, ca, clock.instant())).isEmpty();
            assertThat(first.getPublicKey().getEncoded())
                    .isEqualTo(NodeSigner.readPublicKey(paths.signingPublicKey()).getEncoded());

            Files.delete(paths.signingCertificate());
            created.open(clock).close();
            X509Certificate restored = Pki.readCertificatePem(paths.signingCertificate());
            assertThat(Pki.checkIssued(restored, ca, clock.instant())).isEmpty();
            assertThat(restored.getPublicKey()).isEqualTo(first.getPublicKey());
            assertThat(restored.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        }
    }
}
