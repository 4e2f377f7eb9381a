package io.liaison.node;

import io.liaison.core.access.Clearance;
import io.liaison.node.accounts.GrantRequest;
import io.liaison.node.accounts.User;
import java.util.Optional;

/**
 * Users for tests, made the way the node allows: the admin adds the account and asks for its grant, and the first
 * security officer ({@link io.liaison.node.NodeInit#OFFICER}) approves it. Two people, as in production.
 */
public final class TestUsers {
    private TestUsers() {}

    /** The admin's account on {@code node}. */
    public static User admin(Node node) {
        return node.accounts().require("admin");
    }

    /** The first security officer's account on {@code node}. */
    public static User officer(Node node) {
        return node.accounts().require(NodeInit.OFFICER);
    }

    /** Adds {@code wanted} (its clearance, roles and duties granted and approved) and returns it as stored. */
    public static User add(Node node, User wanted, String password) {
        return add(node, wanted, password.toCharArray());
    }

    public static User add(Node node, User wanted, char[] password) {
        User admin = admin(node);
        node.accounts().add(admin, wanted.name(), wanted.clearance().nationality(), password);
        Clearance lowest = Clearance.of(wanted.clearance().policyId(), node.policy().lowest().name(),
                wanted.clearance().nationality());
        if (!wanted.roles().isEmpty() || !wanted.duties().isEmpty() || !wanted.clearance().equals(lowest)) {
            GrantRequest g = node.grants().request(admin, wanted.name(), wanted.roles(), wanted.duties(),
                    Optional.of(wanted.clearance()));
            node.grants().approve(officer(node), g.id());
        }
        if (!wanted.facilityActive()) {
            node.accounts().suspend(admin, wanted.name());
        }
        return node.accounts().require(wanted.name());
    }
}
