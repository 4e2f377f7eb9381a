package io.liaison.hotline;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.maritime.ais.AisMessage;
import io.liaison.core.maritime.ais.AisStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live AIS feeds of a node (R33): a UDP port that receivers and AIS dispatchers send NMEA sentences to, and TCP
 * feeds the node connects to (an AIS server that streams sentences, one per line), reconnecting with back-off.
 * Each feed decodes its own stream and gives the picture what it completes, in batches of what one read brought.
 * Counts are kept per feed; a bad sentence is counted and skipped, and a line longer than any sentence is cut.
 * A feed trusts whoever can reach it, as AIS receivers and dispatchers expect: bind the UDP port to the interface
 * the receivers use (loopback by default), never to a network users reach.
 */
public final class AisFeeds implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AisFeeds.class);
    private static final int MAX_LINE = 1_024;

    private final Maritime maritime;
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();

    /** What a feed has done: sentences read, refused, contacts taken. */
    public record Counts(String source, long sentences, long refused, long contacts) {}

    public AisFeeds(Maritime maritime) {
        this.maritime = maritime;
    }

    private abstract static class Feed {
        final String source;
        final String classification;
        final AisStream stream = new AisStream();
        final AtomicLong sentences = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong contacts = new AtomicLong();
        volatile boolean running = true;
        Thread thread;

        Feed(String source, String classification) {
            this.source = source;
            this.classification = classification;
        }

        abstract void stop();

        Counts counts() {
            return new Counts(source, sentences.get(), refused.get(), contacts.get());
        }
    }

    /**
     * Listens for NMEA sentences on UDP {@code address}; returns the port bound (0 asks for a free one).
     * {@code classification}: the level of this node's policy the contacts are held at.
     */
    public int udp(InetSocketAddress address, String classification) throws IOException {
        maritime.requireLevel(classification);
        DatagramSocket socket = new DatagramSocket(address);
        String source = "AIS udp:" + socket.getLocalPort();
        Feed f = new Feed(source, classification) {
            @Override
            void stop() {
                running = false;
                socket.close();
            }
        };
        f.thread = Thread.ofPlatform().daemon().name("ais-" + source).start(() -> {
            byte[] buf = new byte[65_507];
            while (f.running) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    read(f, new String(p.getData(), p.getOffset(), p.getLength(), StandardCharsets.US_ASCII).split("\r?\n"));
                } catch (IOException e) {
                    if (f.running) {
                        LOG.warn("AIS feed {} failed to receive: {}", source, e.toString());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("AIS feed {}: {}", source, e.toString());
                }
            }
        });
        feeds.add(f);
        return socket.getLocalPort();
    }

    /** Connects to a TCP AIS server at {@code host:port} and reads its sentences, reconnecting when it drops. */
    public void tcp(String host, int port, String classification) {
        maritime.requireLevel(classification);
        String source = "AIS tcp:" + host + ":" + port;
        java.util.concurrent.atomic.AtomicReference<Socket> current = new java.util.concurrent.atomic.AtomicReference<>();
        Feed f = new Feed(source, classification) {
            @Override
            void stop() {
                running = false;
                thread.interrupt();
                try {
                    Socket s = current.get();
                    if (s != null) {
                        s.close();
                    }
                } catch (IOException e) {
                    LOG.debug("closing {}: {}", source, e.toString());
                }
            }
        };
        f.thread = Thread.ofPlatform().daemon().name("ais-" + source).start(() -> {
            long backoff = 500;
            while (f.running) {
                try (Socket s = new Socket()) {
                    current.set(s);
                    if (!f.running) {
                        return;
                    }
                    s.connect(new InetSocketAddress(host, port), 5_000);
                    backoff = 500;
                    java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 65_536);
                    List<String> lines = new ArrayList<>();
                    StringBuilder line = new StringBuilder();
                    int c;
                    while (f.running && (c = in.read()) >= 0) {
                        if (c == '\n') {
                            lines.add(line.toString());
                            line.setLength(0);
                            if (in.available() == 0 || lines.size() >= 1_000) {
                                read(f, lines.toArray(String[]::new));
                                lines.clear();
                            }
                        } else if (c != '\r' && line.length() < MAX_LINE) {
                            line.append((char) c);
                        }
                    }
                    read(f, lines.toArray(String[]::new));
                } catch (IOException | RuntimeException e) {
                    if (f.running) {
                        LOG.info("AIS feed {} dropped, reconnecting in {} ms: {}", source, backoff, e.toString());
                    }
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = Math.min(30_000, backoff * 2);
            }
        });
        feeds.add(f);
    }

    private void read(Feed f, String[] lines) {
        List<AisMessage> messages = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            f.sentences.incrementAndGet();
            try {
                messages.addAll(f.stream.read(line));
            } catch (InvalidInputException e) {
                f.refused.incrementAndGet();
            }
        }
        if (!messages.isEmpty()) {
            f.contacts.addAndGet(maritime.accept(messages, f.source, f.classification));
        }
    }

    /** Each feed's counts. */
    public List<Counts> counts() {
        return feeds.stream().map(Feed::counts).toList();
    }

    @Override
    public void close() {
        feeds.forEach(Feed::stop);
    }
}
