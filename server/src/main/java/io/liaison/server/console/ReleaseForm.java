package io.liaison.server.console;

import java.util.List;

/**
 * The release page: the item, the parties and agreements to choose from, what was chosen, and the decision with
 * its reason once checked ({@code allowed} only when the engine allowed it; only then may it be confirmed).
 */
public record ReleaseForm(String id, String title, String portion, String cssClass, List<String> parties,
        List<String> agreements, String to, String agreement, String purpose, String decision, boolean allowed) {
    public ReleaseForm {
        parties = List.copyOf(parties);
        agreements = List.copyOf(agreements);
    }
}
