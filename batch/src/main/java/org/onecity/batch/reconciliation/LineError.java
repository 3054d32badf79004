package org.onecity.batch.reconciliation;

/** Why a line of a received file cannot be read. */
public record LineError(String file, int lineNumber, String reason) {

    @Override
    public String toString() {
        return file + " line " + lineNumber + ": " + reason;
    }
}
