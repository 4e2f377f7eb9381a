package io.liaison.server;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.util.List;
import java.util.Map;

/**
 * A KOR node on a database of its own with its API on port 0 (no federation, no hotline), signed in as its admin and
 * its first security officer; closed as one.
 */
record ServedApi(TestNodes.Created created, Node node, ApiServer server, Http http, String admin, String officer)
        implements AutoCloseable {
    static ServedApi start(TestNodes.Db db, MutableClock clock) {
        TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock);
        Node node = created.open(clock);
        ApiServer server = ApiServer.start(node, "127.0.0.1", 0);
        Http http = new Http("http://127.0.0.1:" + server.port());
        return new ServedApi(created, node, server, http, http.login("admin", TestNodes.ADMIN_PASSWORD),
                http.login("officer", TestNodes.OFFICER_PASSWORD));
    }

    /**
     * A KOR user with duty DPRK missile threat, added by the admin and approved by the officer; a session token of
     * theirs.
     */
    String user(String name, String level, List<String> roles) {
        return http.addUser(admin, officer, Map.of("name", name, "password", "a long password for " + name,
                "nationality", "KOR", "clearance", Map.of("level", level), "roles", roles, "duties",
                List.of("DPRK missile threat")));
    }

    @Override
    public void close() {
        server.close();
        node.close();
        created.close();
    }
}
