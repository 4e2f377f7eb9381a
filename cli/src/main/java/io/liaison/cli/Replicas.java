package io.liaison.cli;

import io.liaison.node.Node;
import io.liaison.node.cluster.Leadership;
import java.io.PrintWriter;

/**
 * A served replica of a node ({@code serve --replica}): it serves the API as a follower, and when it takes the lead its
 * federation and hotline start leading, resuming from the database as a restarted node does: the listener for peers,
 * delivery, the hotline's lanes, tracks, checks and escalation. The API goes on serving throughout, its live streams
 * too. A replica that loses the lead stops at once, without
 * running its shutdown: the writes it would make as leader are fenced anyway, and a supervisor starts it again as a
 * follower.
 */
final class Replicas implements AutoCloseable, Leadership.Listener {
    /** Told when a stack serves (as leader or follower) and before it stops. */
    interface Served {
        void serving(NodeStack stack, boolean leads);

        void stopping();
    }

    /** The exit status of a replica that lost the lead: its supervisor should start it again. */
    static final int LOST_THE_LEAD = 75;

    private final Node node;
    private final Served served;
    private final PrintWriter out;
    private final NodeStack current;

    private Replicas(Node node, NodeStack current, Served served, PrintWriter out) {
        this.node = node;
        this.current = current;
        this.served = served;
        this.out = out;
    }

    /** Serves {@code node} as a follower and asks for the lead. */
    static Replicas follow(Node node, NodeStack.Settings settings, Served served, PrintWriter out) {
        Replicas r = new Replicas(node, NodeStack.start(node, settings), served, out);
        served.serving(r.current, false);
        node.leadership().start(r);
        return r;
    }

    @Override
    public synchronized void lead(long epoch) {
        long started = System.nanoTime();
        current.federation().lead();
        current.hotline().lead();
        served.serving(current, true);
        out.println("replica " + node.leadership().replica() + " leads the node (epoch " + epoch + "), serving as leader "
                + (System.nanoTime() - started) / 1_000_000 + " ms after it took the lock");
        out.flush();
    }

    @Override
    public void lost(String why) {
        out.println("replica " + node.leadership().replica() + " has lost the lead (" + why + "); it stops now (exit "
                + LOST_THE_LEAD + ")");
        out.flush();
        Runtime.getRuntime().halt(LOST_THE_LEAD);
    }

    @Override
    public void close() {
        node.leadership().close();
        synchronized (this) {
            served.stopping();
            current.close();
        }
    }
}
