package io.liaison.federation.lifecycle;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.EventType;
import io.liaison.federation.Federation;
import io.liaison.node.Node;
import io.liaison.node.NodeInit;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** Lifecycle steps in tests, taken as on any node: one security officer asks, the first officer approves. */
public final class Steps {
    private Steps() {}

    /** The node's asking security officer, added once. */
    public static User asker(Node node) {
        return node.accounts().find("asker").orElseGet(() -> io.liaison.node.TestUsers.add(node, new User("asker",
                io.liaison.core.access.Clearance.of(node.policy().id(), node.policy().highest().name(), node.party()),
                Set.of(Role.SECURITY_OFFICER), Set.of(), true), "a long password for the asker".toCharArray()));
    }

    /** Asks for the step and approves it; returns what was asked. */
    public static Lifecycles.Requested take(Federation federation, Node node, AgreementId agreement, EventType type,
            LocalDate day, String note) {
        Lifecycles.Requested r = federation.lifecycles().request(asker(node), agreement, Lifecycles.Step.of(type),
                Optional.of(day), note);
        node.approvals().approve(node.accounts().require(NodeInit.OFFICER), r.approval().id());
        return r;
    }
}
