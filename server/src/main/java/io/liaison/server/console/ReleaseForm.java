package io.liaison.server.console;

import java.util.List;

/**
 * The release page's form: the item, the parties and agreements to choose from, what was chosen, the decision shown
 * before confirming (empty before the first check), whether it allows the release, and whether the refusal is for
 * want of the originator's consent (R6), which the page then offers to ask for.
 */
public record ReleaseForm(String id, String title, String portion, String cssClass, List<String> parties,
        List<String> agreements, String to, String agreement, String purpose, String decision, boolean allowed,
        boolean consentNeeded, String asked) {
    public ReleaseForm {
        parties = List.copyOf(parties);
        agreements = List.copyOf(agreements);
    }
}
