package org.onecity.portal.insurer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One file of an insurer's statement as uploaded, judged before anything is sent to the batch: the statement is the
 * national platform's tab-separated text in UTF-8 (totals records of 8 columns, detail lines of 7). A file that is
 * empty, too large, not text or not in that shape is refused here with its reason, so nothing starts and nothing is
 * kept. Whether its figures agree with ours is the reconciliation's question, not this one's.
 */
record StatementUpload(String part, byte[] bytes) {

    /** Larger than any day's statement of the city's largest insurer (about 60 bytes a line). */
    static final int MOST_BYTES = 20 * 1024 * 1024;
    static final int TOTALS_COLUMNS = 8;
    static final int DETAIL_COLUMNS = 7;

    /** Why a file is refused: a message key of the portal and its arguments. */
    record Refusal(String key, Object... arguments) {
    }

    static Optional<Refusal> tooLarge(String part, long size) {
        return size > MOST_BYTES ? Optional.of(new Refusal("statement.too-large", part, MOST_BYTES / (1024 * 1024)))
                : Optional.empty();
    }

    Optional<Refusal> check(int columns) {
        if (bytes.length == 0) {
            return Optional.of(new Refusal("statement.empty", part));
        }
        Optional<Refusal> large = tooLarge(part, bytes.length);
        if (large.isPresent()) {
            return large;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.of(new Refusal("statement.not-text", part));
        }
        int number = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                return Optional.of(new Refusal("statement.not-text", part));
            }
            int found = line.split("\t", -1).length;
            if (found == 1 && line.contains(",")) {
                return Optional.of(new Refusal("statement.not-tab-separated", part));
            }
            if (found != columns) {
                return Optional.of(new Refusal("statement.columns", part, number, found, columns));
            }
        }
        return Optional.empty();
    }
}
