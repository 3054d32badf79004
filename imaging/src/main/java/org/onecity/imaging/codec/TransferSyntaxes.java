package org.onecity.imaging.codec;

import java.util.List;
import java.util.Set;

/** The transfer syntaxes the archive deals in (PS3.5 10, A.4), and which of them are native. */
public final class TransferSyntaxes {

    public static final String IMPLICIT_LITTLE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_BIG = "1.2.840.10008.1.2.2";

    /** What the archive can produce from any stored object: the uncompressed little endian syntaxes. */
    public static final List<String> PRODUCIBLE = List.of(EXPLICIT_LITTLE, IMPLICIT_LITTLE);

    /** Data sets PixelMed re-encodes element by element, pixel data included (deflate is only a wrapping). */
    private static final Set<String> NATIVE = Set.of(IMPLICIT_LITTLE, EXPLICIT_LITTLE, DEFLATED);

    private TransferSyntaxes() {
    }

    public static boolean isNative(String transferSyntax) {
        return NATIVE.contains(transferSyntax);
    }

    public static boolean isProducible(String transferSyntax) {
        return PRODUCIBLE.contains(transferSyntax);
    }
}
