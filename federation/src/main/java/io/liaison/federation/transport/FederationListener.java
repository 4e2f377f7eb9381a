package io.liaison.federation.transport;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.liaison.catalog.json.Json;
import io.liaison.federation.envelope.EnvelopeRefusedException;
import io.liaison.federation.envelope.EnvelopeVerifier;
import io.liaison.federation.envelope.Refusal;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.node.crypto.Pki;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The node's federation endpoint, apart from the user API: HTTPS with mutual TLS 1.3 only, the client
 * certificate required and checked against the pinned party CAs during the handshake. One route,
 * {@code POST /fed/v1/envelopes}: the envelope goes through the verifier, must come from the party the
 * TLS client certificate names, and then goes to the inbox, whose answer (the signed receipt) is returned
 * with 200. Refusals are reported to {@code refused} (for the audit log) and answered with
 * {@code application/problem+json}: 413 too large, 400 malformed, 409 replayed, 403 otherwise.
 */
public final class FederationListener implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FederationListener.class);
    public static final String PATH = "/fed/v1/envelopes";
    /** Envelopes in order, one per line; see {@link #receiveBatch}. */
    public static final String BATCH_PATH = "/fed/v1/batch";
    static final int MAX_BATCH = 256;
    private final Javalin app;
    private final ServerConnector connector;

    private FederationListener(Javalin app, ServerConnector connector) {
        this.app = app;
        this.connector = connector;
    }

    /** Where verified envelopes go, each answered with its receipt (JSON bytes). */
    @FunctionalInterface
    public interface Receiver {
        byte[] handle(VerifiedEnvelope v);

        /**
         * The answer lines to a run of envelopes, in order, and how many of the run's envelopes they answer: a line is
         * one envelope's receipt, or a RECEIPTS envelope answering several consecutive ones under one signature.
         */
        record Answers(List<byte[]> lines, int answered) {
            public Answers {
                lines = List.copyOf(lines);
                if (answered < lines.size()) {
                    throw new IllegalArgumentException(lines.size() + " answer lines cannot answer " + answered
                            + " envelopes");
                }
            }
        }

        /** Processes a run as {@link #handleAll} does; by default each envelope answered by a line of its own. */
        default Answers answerAll(List<VerifiedEnvelope> envelopes) {
            List<byte[]> receipts = handleAll(envelopes);
            return new Answers(receipts, receipts.size());
        }

        /**
         * Several envelopes, in order, as {@link #handle} each would; returns the receipts of those processed,
         * in order, ending early where one could not be processed.
         */
        default List<byte[]> handleAll(List<VerifiedEnvelope> envelopes) {
            List<byte[]> receipts = new java.util.ArrayList<>();
            for (VerifiedEnvelope v : envelopes) {
                org.slf4j.MDC.put("envelopeId", v.id().toString());
                try {
                    receipts.add(handle(v));
                } catch (RuntimeException e) {
                    LOG.warn("envelope {} from {} could not be processed; the batch ends there and the sender retries: {}",
                            v.id(), v.from(), e.toString());
                    break;
                } finally {
                    org.slf4j.MDC.remove("envelopeId");
                }
            }
            return receipts;
        }
    }

    /**
     * Starts listening on {@code host:port} (0 for any free port).
     *
     * @param inbox takes a verified envelope and returns the receipt (JSON bytes) to answer with
     * @param refused told of every refusal, with the TLS peer's party when known
     */
    public static FederationListener start(String host, int port, SSLContext tls, EnvelopeVerifier verifier,
            int maxBytes, Receiver inbox, BiConsumer<Optional<String>, Refusal> refused) {
        ServerConnector[] made = {null};
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = maxBytes;
            config.startup.showJavalinBanner = false;
            config.jetty.addConnector((server, http) -> {
                ServerConnector c = TlsConnectors.tls13(server, http, tls, TlsConnectors.ClientAuth.REQUIRED, host, port);
                made[0] = c;
                return c;
            });
            config.routes.post(PATH, ctx -> receive(ctx, verifier, inbox, refused));
            config.routes.post(BATCH_PATH, ctx -> receiveBatch(ctx, verifier, inbox, refused));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("the federation listener could not process a request; the sender will retry", e);
                try {
                    problem(ctx, 500, "INTERNAL", "the envelope could not be processed; the sender will retry");
                } catch (RuntimeException gone) {
                    // The exchange is over (the sender left): nobody to answer, and a throw would come back here.
                    LOG.debug("no answer possible: {}", gone.toString());
                }
            });
            config.routes.error(404, "*", ctx -> problem(ctx, 404, "NOT_FOUND", "no such federation route"));
            config.routes.error(413, "*", ctx -> RefusedBodies.refuse(ctx, maxBytes, "REQUEST_TOO_LARGE",
                    "a request of more than " + maxBytes + " bytes is over the listener's limit; the sender cuts its "
                    + "batches under it"));
        });
        app.start();
        int connectors = app.jettyServer().server().getConnectors().length;
        if (connectors != 1) {
            app.stop();
            throw new IllegalStateException("the federation listener must have only its TLS connector, not " + connectors);
        }
        return new FederationListener(app, made[0]);
    }

    /** What one envelope came to: its status and the body to answer with (a receipt, or problem+json). */
    private record Outcome(int status, byte[] body) {
        boolean ok() {
            return status == 200;
        }
    }

    private static void receive(Context ctx, EnvelopeVerifier verifier, Receiver inbox, BiConsumer<Optional<String>, Refusal> refused) {
        Outcome o = one(verifier.prepare(ctx.bodyAsBytes()), clientParty(ctx), verifier, inbox, refused);
        ctx.status(o.status()).contentType(o.ok() ? "application/json; charset=utf-8" : Problems.MEDIA_TYPE).result(o.body());
    }

    /**
     * The body's lines, split at each {@code \n} as bytes (an envelope is read from its bytes: decoding the whole body
     * into text and each line back into bytes copied it twice), without the empty lines at its end.
     */
    static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new java.util.ArrayList<>();
        int from = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(body, from, i));
                from = i + 1;
            }
        }
        while (!lines.isEmpty() && lines.getLast().length == 0) {
            lines.removeLast();
        }
        return lines;
    }

    /** Whether a line holds only white space, as {@link String#isBlank()} says of its text. */
    static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b < 0) {
                return new String(line, java.nio.charset.StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Many envelopes in one request, one per line, processed in order; processing stops at the first that is
     * not accepted, so a later one never overtakes it. The answer has one line per envelope processed: the
     * receipt, or the problem that stopped the batch.
     */
    private static void receiveBatch(Context ctx, EnvelopeVerifier verifier, Receiver inbox,
            BiConsumer<Optional<String>, Refusal> refused) {
        Optional<String> tlsParty = clientParty(ctx);
        List<byte[]> lines = lines(ctx.bodyAsBytes());
        if (lines.size() > MAX_BATCH) {
            problem(ctx, 413, "BATCH_TOO_LARGE", "a batch of " + lines.size() + " envelopes is over the limit of "
                    + MAX_BATCH);
            return;
        }
        // Reading the envelopes and checking their signatures is most of the gate's work and depends on nothing
        // stored, so it runs in parallel; the decisions and their effects then follow one by one, in order.
        List<EnvelopeVerifier.Prepared> prepared = lines.stream().filter(l -> !blank(l)).parallel()
                .map(verifier::prepare).toList();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < prepared.size()) {
            Optional<io.liaison.federation.envelope.EnvelopeType> runType = prepared.get(i).type()
                    .filter(FederationListener::batchable);
            if (runType.isEmpty()) {
                Outcome o;
                try {
                    o = one(prepared.get(i), tlsParty, verifier, inbox, refused);
                } catch (RuntimeException e) {
                    LOG.warn("an envelope of a batch could not be processed; the sender retries from it", e);
                    o = INTERNAL;
                }
                write(out, o.body());
                if (!o.ok()) {
                    break;
                }
                i++;
                continue;
            }
            // A run of releases, or of hotline messages: each passes the gate in order (neither changes anything the
            // gate reads), then the receiver takes the run at once: the inbox prepares the items in parallel and
            // answers the run with one signed RECEIPTS, the hotline records the messages in one transaction.
            int end = i;
            while (end < prepared.size() && prepared.get(end).type().equals(runType)) {
                end++;
            }
            List<VerifiedEnvelope> run = new java.util.ArrayList<>();
            Outcome stop = null;
            for (int k = i; k < end && stop == null; k++) {
                Gate g = gate(prepared.get(k), tlsParty, verifier, refused);
                if (g.verified() != null) {
                    run.add(g.verified());
                } else {
                    stop = g.refusal();
                }
            }
            Receiver.Answers answers;
            try {
                answers = inbox.answerAll(run);
            } catch (RuntimeException e) {
                LOG.warn("a run of {} envelopes could not be processed; the sender retries it", run.size(), e);
                answers = new Receiver.Answers(List.of(), 0);
            }
            answers.lines().forEach(r -> write(out, r));
            if (answers.answered() < run.size()) {
                stop = INTERNAL;
            }
            if (stop != null) {
                write(out, stop.body());
                break;
            }
            i = end;
        }
        ctx.status(200).contentType("application/x-ndjson").result(out.toByteArray());
    }

    private static final Outcome INTERNAL = new Outcome(500, problemBody(500, "INTERNAL", "the envelope could not be "
            + "processed; the sender will retry"));

    /** The types whose consecutive envelopes are handed over as one run. */
    private static boolean batchable(io.liaison.federation.envelope.EnvelopeType t) {
        return t == io.liaison.federation.envelope.EnvelopeType.RELEASE
                || t == io.liaison.federation.envelope.EnvelopeType.HOTLINE_MESSAGE;
    }

    private static void write(java.io.ByteArrayOutputStream out, byte[] line) {
        out.writeBytes(line);
        out.write('\n');
    }

    /** An envelope through the gate: verified, or the refusal to answer with. */
    private record Gate(VerifiedEnvelope verified, Outcome refusal) {}

    private static Outcome one(EnvelopeVerifier.Prepared envelope, Optional<String> tlsParty, EnvelopeVerifier verifier,
            Receiver inbox, BiConsumer<Optional<String>, Refusal> refused) {
        Gate g = gate(envelope, tlsParty, verifier, refused);
        return g.verified() == null ? g.refusal() : new Outcome(200, inbox.handle(g.verified()));
    }

    /** The gate: the verifier, then the check that the signer is the party the TLS connection authenticated. */
    private static Gate gate(EnvelopeVerifier.Prepared envelope, Optional<String> tlsParty, EnvelopeVerifier verifier,
            BiConsumer<Optional<String>, Refusal> refused) {
        VerifiedEnvelope v;
        try {
            v = verifier.verify(envelope);
        } catch (EnvelopeRefusedException e) {
            refused.accept(tlsParty, e.refusal());
            int status = switch (e.refusal().code()) {
                case "ENVELOPE_TOO_LARGE" -> 413;
                case "ENVELOPE_MALFORMED" -> 400;
                case "ENVELOPE_REPLAYED" -> 409;
                default -> 403;
            };
            return new Gate(null, new Outcome(status, problemBody(status, e.refusal().code(), e.refusal().message())));
        }
        if (tlsParty.isEmpty() || !tlsParty.get().equals(v.from().code())) {
            Refusal r = new Refusal("PEER_MISMATCH", "R14", "envelope " + v.id() + " is signed by " + v.from()
                    + " but came over a connection authenticated as " + tlsParty.orElse("(nobody)"),
                    Map.of("envelope", v.id().toString(), "from", v.from().code(), "tls", tlsParty.orElse("")));
            refused.accept(tlsParty, r);
            return new Gate(null, new Outcome(403, problemBody(403, r.code(), r.message())));
        }
        return new Gate(v, null);
    }

    private static Optional<String> clientParty(Context ctx) {
        Object chain = ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
        if (chain instanceof X509Certificate[] certs && certs.length > 0) {
            return Pki.partyOf(certs[0]);
        }
        return Optional.empty();
    }

    private static void problem(Context ctx, int status, String code, String detail) {
        Problems.write(ctx, status, code, detail);
    }

    private static byte[] problemBody(int status, String code, String detail) {
        return Problems.body(status, code, detail);
    }

    /** The port it listens on, once started. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        app.stop();
    }
}
