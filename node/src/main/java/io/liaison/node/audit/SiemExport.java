package io.liaison.node.audit;

import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.User;
import io.liaison.node.disclosure.Disclosure;
import io.liaison.node.store.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the audit log to a SIEM as CEF over syslog over TLS (RFC 5424, RFC 5425), in order, at least once, resuming
 * where it stopped ({@code siem_cursor}). What the SIEM receives is what its account may see in the log, decided as
 * for any viewer ({@link Disclosure#viewer}): the account is a node user whose clearance and duties a second officer
 * approved like anyone's; suspended or missing, it receives nothing. The server's certificate must chain to the CA
 * given and name the host.
 */
public final class SiemExport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiemExport.class);
    private static final int BATCH = 500;

    /** Where to send: a host and port reached over TLS trusting {@code tls}, and the account whose view is sent. */
    public record Target(String host, int port, SSLContext tls, String account) {
        public Target {
            if (host == null || host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("a SIEM target needs a host and a port 1..65535");
            }
        }

        String sink() {
            return host + ":" + port;
        }
    }

    private final Database database;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Disclosure disclosure;
    private final Target target;
    private final String party;
    private final String version;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread thread;
    private SSLSocket socket;

    public SiemExport(Database database, AuditLog audit, Accounts accounts, Disclosure disclosure, Target target,
            String party, String version, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.accounts = accounts;
        this.disclosure = disclosure;
        this.target = target;
        this.party = party;
        this.version = version;
        this.clock = clock;
    }

    /** Sends what is due now; returns how many entries went. Throws when the SIEM cannot be reached. */
    public synchronized int exportOnce() throws IOException {
        Optional<User> account = accounts.find(target.account()).filter(User::facilityActive);
        if (account.isEmpty()) {
            return 0;
        }
        AuditLog.Viewer viewer = disclosure.viewer(account.get());
        long cursor = cursor();
        int sent = 0;
        while (true) {
            List<AuditEntry> entries = audit.after(viewer, cursor, BATCH);
            if (entries.isEmpty()) {
                return sent;
            }
            OutputStream out = connection().getOutputStream();
            for (AuditEntry e : entries) {
                out.write(Cef.frame(Cef.message(e, party, party.toLowerCase(java.util.Locale.ROOT) + "-node", version)));
            }
            out.flush();
            cursor = entries.getLast().seq();
            save(cursor);
            sent += entries.size();
        }
    }

    /** Exports every {@code every}, until closed; a failure closes the connection and is tried again next round. */
    public void start(Duration every) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = Thread.ofVirtual().name("siem-export").start(() -> {
            while (running.get()) {
                try {
                    exportOnce();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("audit export to SIEM {} failed, will retry: {}", target.sink(), e.toString());
                    disconnect();
                }
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    private SSLSocket connection() throws IOException {
        if (socket != null && !socket.isClosed()) {
            return socket;
        }
        SSLSocket s = (SSLSocket) target.tls().getSocketFactory().createSocket(target.host(), target.port());
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.host().matches("[0-9.:]+")) {
            p.setServerNames(List.of(new SNIHostName(target.host())));
        }
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        socket = s;
        return s;
    }

    private synchronized void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure
            }
            socket = null;
        }
    }

    private long cursor() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT last_seq FROM siem_cursor WHERE sink = :s")
                .bind("s", target.sink()).mapTo(Long.class).findOne()).orElse(-1L);
    }

    private void save(long seq) {
        database.jdbi().useHandle(h -> {
            int updated = h.createUpdate("UPDATE siem_cursor SET last_seq = :q, updated_at = :t WHERE sink = :s")
                    .bind("q", seq).bind("t", clock.millis()).bind("s", target.sink()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO siem_cursor (sink, last_seq, updated_at) VALUES (:s, :q, :t)")
                        .bind("s", target.sink()).bind("q", seq).bind("t", clock.millis()).execute();
            }
        });
    }

    @Override
    public void close() {
        running.set(false);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        disconnect();
    }
}
