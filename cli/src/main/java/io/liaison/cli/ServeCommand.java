package io.liaison.cli;

import io.liaison.hotline.Hotline;
import io.liaison.node.Node;
import io.liaison.server.ApiServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code liaison serve --dir DIR}: runs the node's API, federation and hotline until stopped. On loopback the API
 * speaks plain HTTP; on any other address it speaks HTTPS with a certificate from the node's party CA.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {"Run a node: its API, federation listener and "
        + "hotline.", "Plain HTTP only on loopback (the default); on any other --host the API is HTTPS with a certificate "
        + "from the node's party CA (clients pass --ca DIR/pki/party-ca.pem)."})
final class ServeCommand implements Callable<Integer> {
    private final Services s;

    @Option(names = "--dir", required = true, description = "the node directory") Path dir;

    @Option(names = "--host", description = "address to listen on (default: from the configuration, 127.0.0.1)") String host;

    @Option(names = "--port", description = "port (default: from the configuration, 8443; 0 picks a free one)") Integer port;

    @Option(names = "--db", description = "jdbc:postgresql://… URL (default: from the configuration)") String db;

    @Option(names = "--federation-port", description = "port of the mutual-TLS federation listener, on the same host "
            + "(default 8444; 0 picks a free one); it trusts each peer's party CA from the moment the peer is added") Integer
            federationPort;

    @Option(names = "--ais-udp", paramLabel = "PORT", description = "listen for AIS NMEA sentences on this UDP port "
            + "(on --host) for the maritime picture (R33)") Integer aisUdp;

    @Option(names = "--ais-tcp", paramLabel = "HOST:PORT", description = "connect to an AIS server streaming NMEA "
            + "sentences; repeatable") List<String> aisTcp;

    @Option(names = "--ais-classification", paramLabel = "LEVEL", description = "the level AIS contacts are held at "
            + "(default: the lowest of the node's policy)") String aisClassification;

    @Option(names = "--siem", paramLabel = "HOST:PORT", description = "send the audit log to a SIEM as CEF over "
            + "syslog over TLS (RFC 5424, RFC 5425); with --siem-ca and --siem-account") String siem;

    @Option(names = "--siem-ca", paramLabel = "FILE", description = "the CA (PEM) the SIEM's certificate chains to")
    Path siemCa;

    @Option(names = "--siem-account", paramLabel = "USER", description = "the node account whose view of the log the "
            + "SIEM receives (its clearance and duties, approved like anyone's)") String siemAccount;

    @Option(names = "--replica", paramLabel = "NAME", description = {"serve as replica NAME of a node on PostgreSQL: "
            + "several replicas share the node's directory and database; every one serves the API and console, the "
            + "leader (by a PostgreSQL advisory lock) alone listens to peers, delivers, runs the hotline's lanes and "
            + "checks, and exports to a SIEM; when it stops, another takes over", "give every replica the same "
            + "--federation-port: the leader's listener is where peers reach the node"}) String replica;

    ServeCommand(Services s) {
        this.s = s;
    }

    @Override
    public Integer call() throws InterruptedException {
        Node node = LocalNode.open(s, dir, db, 16, Optional.ofNullable(replica));
        AutoCloseable stack;
        try {
            String h = host != null ? host : node.config().host();
            int p = port != null ? port : node.config().port();
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("--port " + p + " is outside 0..65535");
            }
            int fp = federationPort != null ? federationPort : 8444;
            if (fp < 0 || fp > 65535) {
                throw new IllegalArgumentException("--federation-port " + fp + " is outside 0..65535");
            }
            Optional<ApiServer.Tls> tls = ApiServer.loopback(h) ? Optional.empty()
                    : Optional.of(ApiCertificate.forHost(node, h, new SecureRandom(), Clock.systemUTC()));
            NodeStack.Settings settings = new NodeStack.Settings(h, p, fp, Hotline.Options.defaults(), Clock.systemUTC(),
                    tls);
            if (replica != null) {
                stack = Replicas.follow(node, settings, new Replicas.Served() {
                    @Override
                    public void serving(NodeStack stack, boolean leads) {
                        announce(node, stack, h, tls.isPresent(), fp);
                        if (leads) {
                            feeds(stack, h);
                            siemExport = siem(node);
                        }
                        s.out().flush();
                    }

                    @Override
                    public void stopping() {
                        siemExport.ifPresent(io.liaison.node.audit.SiemExport::close);
                        siemExport = Optional.empty();
                    }
                }, s.out());
            } else {
                NodeStack alone = NodeStack.start(node, settings);
                stack = alone;
                announce(node, alone, h, tls.isPresent(), fp);
                feeds(alone, h);
                siemExport = siem(node);
                s.out().flush();
            }
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AutoCloseable running = stack;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            siemExport.ifPresent(io.liaison.node.audit.SiemExport::close);
            try {
                running.close();
            } catch (Exception e) {
                s.err().println("stopping: " + e.getMessage());
            }
            node.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Says where the node listens; a replica that follows says whom it follows. */
    private void announce(Node node, NodeStack stack, String h, boolean tls, int fp) {
        String scheme = tls ? "https" : "http";
        String as = replica == null ? "" : " (replica " + replica + ", " + (stack.federation().leads() ? "leading"
                : "following") + ")";
        s.out().println("node " + node.party() + " listening on " + scheme + "://" + h + ":" + stack.api().port()
                + "/api/" + as + (tls ? " (TLS 1.3; certificate from " + dir.resolve("pki").resolve("party-ca.pem")
                + ")" : ""));
        s.out().println("console " + scheme + "://" + h + ":" + stack.api().port() + "/ (sign in with a node account)");
        if (!stack.federation().leads()) {
            String leader = io.liaison.node.cluster.Leadership.holder(node.database()).map(x -> x.replica() + ", epoch "
                    + x.epoch()).orElse("none yet");
            s.out().println("federation: replica " + replica + " follows (leader: " + leader + "); it listens on port "
                    + fp + " when it leads");
            return;
        }
        String federation = stack.federation().endpoint(h).orElseThrow();
        List<String> peers = stack.federation().peers().list().stream().map(x -> x.party().code()).toList();
        s.out().println("federation listening on " + federation + " (mutual TLS; peers: " + (peers.isEmpty()
                ? "none yet" : String.join(", ", peers)) + "; recorded in " + node.paths().federationEndpoint() + ")");
        s.out().println("  a peer adds this node with: liaison peer add " + node.party() + " " + federation + " --ca "
                + dir.resolve("pki").resolve("party-ca.pem"));
    }

    private Optional<io.liaison.node.audit.SiemExport> siemExport = Optional.empty();

    /** Starts the audit export to a SIEM when asked for; a bad option stops the node with one line. */
    private Optional<io.liaison.node.audit.SiemExport> siem(Node node) {
        if (siem == null && siemCa == null && siemAccount == null) {
            return Optional.empty();
        }
        if (siem == null || siemCa == null || siemAccount == null) {
            throw new IllegalArgumentException("--siem, --siem-ca and --siem-account go together");
        }
        int colon = siem.lastIndexOf(':');
        if (colon <= 0 || !siem.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("--siem " + siem + " is not HOST:PORT");
        }
        javax.net.ssl.SSLContext tls;
        try {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("siem-ca", io.liaison.node.crypto.Pki.readCertificatePem(siemCa));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), new SecureRandom());
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("--siem-ca " + siemCa + ": " + e.getMessage());
        }
        node.accounts().find(siemAccount).orElseThrow(() -> new IllegalArgumentException("--siem-account " + siemAccount
                + " is not an account of this node"));
        io.liaison.node.audit.SiemExport export = new io.liaison.node.audit.SiemExport(node.database(), node.audit(),
                node.accounts(), node.disclosure(), new io.liaison.node.audit.SiemExport.Target(siem.substring(0, colon),
                Integer.parseInt(siem.substring(colon + 1)), tls, siemAccount), node.party().code(), "0.1", Clock.systemUTC());
        export.start(java.time.Duration.ofSeconds(1));
        s.out().println("audit export to SIEM " + siem + " (CEF over syslog over TLS; what " + siemAccount + " may see)");
        return Optional.of(export);
    }

    /** Starts the AIS feeds asked for, after the hotline; a bad option stops the node with one line. */
    private void feeds(NodeStack stack, String h) {
        io.liaison.hotline.AisFeeds feeds = stack.hotline().aisFeeds();
        String level = aisClassification != null ? aisClassification : stack.hotline().maritime().lowestLevel();
        try {
            if (aisUdp != null) {
                if (aisUdp < 0 || aisUdp > 65535) {
                    throw new IllegalArgumentException("--ais-udp " + aisUdp + " is outside 0..65535");
                }
                int bound = feeds.udp(new java.net.InetSocketAddress(h, aisUdp), level);
                s.out().println("AIS feed listening on udp://" + h + ":" + bound + " (contacts held at " + level + ")");
            }
            for (String t : aisTcp == null ? List.<String>of() : aisTcp) {
                int colon = t.lastIndexOf(':');
                if (colon <= 0 || !t.substring(colon + 1).matches("[0-9]{1,5}")
                        || Integer.parseInt(t.substring(colon + 1)) < 1 || Integer.parseInt(t.substring(colon + 1)) > 65535) {
                    throw new IllegalArgumentException("--ais-tcp '" + t + "' is not HOST:PORT with a port of 1..65535");
                }
                feeds.tcp(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)), level);
                s.out().println("AIS feed reading tcp://" + t + " (contacts held at " + level + ")");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--ais-udp " + aisUdp + ": " + e.getMessage());
        }
    }
}
