package org.onecity.batch.history;

/** A line of a history file that is not imported, and why: it goes to the import's error file. */
public class BadLine extends RuntimeException {

    public BadLine(String reason) {
        super(reason);
    }
}
