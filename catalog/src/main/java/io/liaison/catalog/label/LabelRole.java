package io.liaison.catalog.label;

/** Which ADatP-4774 root a label was written under. */
public enum LabelRole {
    /** {@code originatorConfidentialityLabel}: the originator's own label, never overwritten. */
    ORIGINATOR("originatorConfidentialityLabel"),
    /** {@code alternativeConfidentialityLabel}: an equivalent label in another policy. */
    ALTERNATIVE("alternativeConfidentialityLabel");

    private final String element;

    LabelRole(String element) {
        this.element = element;
    }

    public String element() {
        return element;
    }
}
