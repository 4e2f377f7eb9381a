package io.liaison.hotline;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.party.Party;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A hotline line: the same desk at this party and at {@code peer}, e.g. {@code jpn-kor-policy-dg}, the duty
 * officers at each end, the agreement that governs its classified traffic (R27), whom to escalate to, and the
 * acknowledgement objectives (R25). Both ends configure the same id.
 */
public record Line(String id, String desk, Party peer, AgreementId agreement, Set<String> dutyOfficers,
        Set<String> peerDutyOfficers, String escalationContact, Objectives objectives) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{2,63}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    public Line {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidInputException("LINE_INVALID", "line id '" + id + "' is not 3 to 64 lower-case letters, "
                    + "digits or '-', starting with a letter, e.g. jpn-kor-policy-dg");
        }
        if (desk == null || !ID.matcher(desk).matches()) {
            throw new InvalidInputException("LINE_INVALID", "desk '" + desk + "' is not 3 to 64 lower-case letters, "
                    + "digits or '-', e.g. policy-dg");
        }
        Objects.requireNonNull(peer, "peer");
        if (agreement == null) {
            throw new InvalidInputException("LINE_INVALID", "line " + id + " needs the agreement that governs its "
                    + "classified traffic (R27)");
        }
        dutyOfficers = names(id, dutyOfficers, "duty officers");
        peerDutyOfficers = names(id, peerDutyOfficers, "the peer's duty officers");
        if (escalationContact == null || escalationContact.isBlank() || escalationContact.length() > 200) {
            throw new InvalidInputException("LINE_INVALID", "line " + id + " needs an escalation contact of 1 to 200 "
                    + "characters (R25)");
        }
        Objects.requireNonNull(objectives, "objectives");
    }

    private static Set<String> names(String id, Set<String> names, String what) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("LINE_INVALID", "line " + id + " needs " + what);
        }
        for (String n : names) {
            if (n == null || !NAME.matcher(n).matches()) {
                throw new InvalidInputException("LINE_INVALID", "'" + n + "' in " + what + " of line " + id
                        + " is not a user name");
            }
        }
        return java.util.Collections.unmodifiableSet(new TreeSet<>(names));
    }

    /** The line as written in lists: {@code jpn-kor-policy-dg (KOR, policy-dg)}. */
    public String written() {
        return id + " (" + peer + ", " + desk + ")";
    }
}
