package org.onecity.fhir.access;

import org.onecity.common.security.SmartScopes;

/** What a request does to a resource type, in SMART's terms. */
public enum Interaction {
    CREATE(SmartScopes.CREATE), READ(SmartScopes.READ), UPDATE(SmartScopes.UPDATE), DELETE(SmartScopes.DELETE),
    SEARCH(SmartScopes.SEARCH);

    private final char scopeLetter;

    Interaction(char scopeLetter) {
        this.scopeLetter = scopeLetter;
    }

    public char scopeLetter() {
        return scopeLetter;
    }

    public boolean writes() {
        return this == CREATE || this == UPDATE || this == DELETE;
    }
}
