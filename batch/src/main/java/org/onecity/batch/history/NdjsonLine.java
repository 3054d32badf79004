package org.onecity.batch.history;

import org.springframework.batch.item.ResourceAware;
import org.springframework.core.io.Resource;

/** A line of a Bulk Data NDJSON file: which file, which line, and its text. */
public class NdjsonLine implements ResourceAware {

    private final int lineNumber;
    private final String text;
    private String file = "";

    public NdjsonLine(int lineNumber, String text) {
        this.lineNumber = lineNumber;
        this.text = text;
    }

    @Override
    public void setResource(Resource resource) {
        this.file = resource.getFilename();
    }

    public String file() {
        return file;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return file + " line " + lineNumber;
    }
}
