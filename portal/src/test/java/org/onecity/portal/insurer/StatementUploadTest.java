package org.onecity.portal.insurer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StatementUploadTest {

    private static final String TOTALS = "310\t1\t20260309\t20260309\t800.00\t560.00\t160.00\t8\n";
    private static final String DETAIL = "S-1\tV-1\tP-1\t100.00\t70.00\t20.00\t0\nS-2\tV-2\tP-2\t100.00\t70.00\t20.00\t0\n";

    @Test
    void aStatementInThePlatformsShapeGoesThrough() {
        assertThat(upload("totals", TOTALS).check(StatementUpload.TOTALS_COLUMNS)).isEmpty();
        assertThat(upload("detail", DETAIL).check(StatementUpload.DETAIL_COLUMNS)).isEmpty();
        assertThat(upload("detail", DETAIL.replace("\n", "\r\n") + "\n").check(StatementUpload.DETAIL_COLUMNS))
                .as("Windows line ends and a blank last line").isEmpty();
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(upload("totals", "").check(StatementUpload.TOTALS_COLUMNS)).get()
                .extracting(StatementUpload.Refusal::key).isEqualTo("statement.empty");
    }

    @Test
    void aPictureOrOtherBinaryIsNotText() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        assertThat(new StatementUpload("detail", png).check(StatementUpload.DETAIL_COLUMNS)).get()
                .extracting(StatementUpload.Refusal::key).isEqualTo("statement.not-text");
        assertThat(upload("detail", "S-1\tV-1\tP-1\t1\t1\t1\u0000\t0\n").check(StatementUpload.DETAIL_COLUMNS)).get()
                .extracting(StatementUpload.Refusal::key).as("a NUL in valid UTF-8").isEqualTo("statement.not-text");
    }

    @Test
    void aCommaSeparatedFileIsToldItsColumnsAreSeparatedByTabs() {
        assertThat(upload("detail", DETAIL.replace('\t', ',')).check(StatementUpload.DETAIL_COLUMNS)).get()
                .extracting(StatementUpload.Refusal::key).isEqualTo("statement.not-tab-separated");
    }

    @Test
    void aLineWithTheWrongColumnsIsNamedWithItsNumber() {
        var refusal = upload("detail", DETAIL + "S-3\tV-3\t100.00\n").check(StatementUpload.DETAIL_COLUMNS).orElseThrow();
        assertThat(refusal.key()).isEqualTo("statement.columns");
        assertThat(refusal.arguments()).containsExactly("detail", 3, 3, 7);
        assertThat(upload("totals", DETAIL).check(StatementUpload.TOTALS_COLUMNS)).as("the files swapped").isPresent();
    }

    @Test
    void aFileOverTwentyMegabytesIsRefusedBeforeItIsRead() {
        assertThat(StatementUpload.tooLarge("detail", StatementUpload.MOST_BYTES)).isEmpty();
        assertThat(StatementUpload.tooLarge("detail", StatementUpload.MOST_BYTES + 1L)).get()
                .extracting(StatementUpload.Refusal::key).isEqualTo("statement.too-large");
    }

    private static StatementUpload upload(String part, String text) {
        return new StatementUpload(part, text.getBytes(StandardCharsets.UTF_8));
    }
}
