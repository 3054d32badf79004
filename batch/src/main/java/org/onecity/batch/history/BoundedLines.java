package org.onecity.batch.history;

import org.springframework.batch.item.file.BufferedReaderFactory;
import org.springframework.core.io.Resource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;

/**
 * Reads a history file line by line without holding more than {@code maxLine} characters of one line: a longer line
 * (a resource of gigabytes, or a file with no line breaks at all) is skipped to its end and handed on as a marker,
 * which the import refuses into the error file with the reason. The rest of the file is imported.
 */
final class BoundedLines implements BufferedReaderFactory {

    /** What a line too long to hold is read as. */
    static final String TOO_LONG = "\u0000too-long:";

    private final int maxLine;

    BoundedLines(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    public BufferedReader create(Resource resource, String encoding) throws IOException {
        return new Bounded(new InputStreamReader(resource.getInputStream(), encoding), maxLine);
    }

    static boolean tooLong(String line) {
        return line.startsWith(TOO_LONG);
    }

    private static final class Bounded extends BufferedReader {
        private final int maxLine;

        Bounded(Reader in, int maxLine) {
            super(in, 64 * 1024);
            this.maxLine = maxLine;
        }

        @Override
        public String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            long length = 0;
            int c;
            while ((c = read()) >= 0) {
                if (c == '\n') {
                    break;
                }
                length++;
                if (length <= maxLine) {
                    line.append((char) c);
                }
            }
            if (c < 0 && length == 0) {
                return null;
            }
            if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            return length > maxLine ? TOO_LONG + length : line.toString();
        }
    }
}
