package org.onecity.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import java.util.Set;

/**
 * Checks a FHIR request body byte by byte as it streams in, before HAPI parses it, for what HAPI would accept and
 * then fail on or mangle:
 * <ul>
 *   <li>bytes that are not UTF-8 (FHIR's only encoding): decoded leniently they would silently become U+FFFD in a
 *       person's name;</li>
 *   <li>in JSON, a number whose exponent is beyond a double's range ({@code 1e999999999}): HAPI writes such a number
 *       out in full as it parses it, a billion digits from twelve bytes, and the heap runs out;</li>
 *   <li>in JSON, a control character escaped inside a string ({@code \u0000}) or a lone surrogate, which FHIR
 *       strings may not hold and the database cannot store;</li>
 *   <li>in JSON, a string longer than FHIR's limit of 1 MiB, except the base64 data of attachments and binaries
 *       and narrative XHTML.</li>
 * </ul>
 * A body that fails is refused with 400 and nothing of it is stored.
 */
final class BodyCheck {

    static final int MAX_EXPONENT = 308;
    static final long MAX_STRING = 1L << 20;
    /** The JSON names under which FHIR R4 carries base64Binary or xhtml, which may exceed the string limit. */
    private static final Set<String> LARGE_VALUES = Set.of("data", "valueBase64Binary", "carrierAIDC", "div");

    private final boolean json;
    private long offset;

    // UTF-8
    private int continuations;
    private int lower = 0x80;
    private int upper = 0xBF;

    // JSON
    private boolean inString;
    private boolean escaped;
    private int hexLeft = -1;
    private int hexValue;
    private boolean highSurrogateOpen;
    private long stringLength;
    private final StringBuilder candidateName = new StringBuilder();
    private String lastName = "";
    private boolean afterString;
    private int previous;
    private int exponentState; // 0 none, 1 just after e/E, 2 in exponent digits
    private long exponent;

    private BodyCheck(boolean json) {
        this.json = json;
    }

    /** The check for a body of this content type; null when the body is not FHIR text (a Binary's own bytes). */
    static BodyCheck forContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        String charset = type.contains("charset=") ? type.substring(type.indexOf("charset=") + 8).trim() : "utf-8";
        if (!charset.startsWith("utf-8") && !charset.startsWith("\"utf-8")) {
            return null;
        }
        if (type.contains("json")) {
            return new BodyCheck(true);
        }
        return type.contains("xml") ? new BodyCheck(false) : null;
    }

    void feed(byte[] buffer, int from, int length) {
        for (int i = from; i < from + length; i++) {
            int b = buffer[i] & 0xff;
            utf8(b);
            if (json) {
                json(b);
            }
            offset++;
        }
    }

    /** At the end of the body. */
    void end() {
        if (continuations != 0) {
            refuse("ends inside a UTF-8 character");
        }
        if (json) {
            endExponent();
        }
    }

    private void utf8(int b) {
        if (continuations == 0) {
            if (b <= 0x7F) {
                return;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                continuations = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuations = 2;
                lower = b == 0xE0 ? 0xA0 : 0x80;
                upper = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuations = 3;
                lower = b == 0xF0 ? 0x90 : 0x80;
                upper = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                refuse("is not UTF-8 at byte " + offset);
            }
            return;
        }
        if (b < lower || b > upper) {
            refuse("is not UTF-8 at byte " + offset);
        }
        lower = 0x80;
        upper = 0xBF;
        continuations--;
    }

    private void json(int b) {
        if (inString) {
            string(b);
            return;
        }
        if (exponentState > 0) {
            if (exponentState == 1 && (b == '+' || b == '-')) {
                exponentState = 2;
                return;
            }
            if (b >= '0' && b <= '9') {
                exponentState = 2;
                exponent = Math.min(exponent * 10 + (b - '0'), Integer.MAX_VALUE);
                return;
            }
            endExponent();
        }
        if (b == '"') {
            inString = true;
            stringLength = 0;
            candidateName.setLength(0);
            afterString = false;
        } else if ((b == 'e' || b == 'E') && (previous >= '0' && previous <= '9' || previous == '.')) {
            exponentState = 1;
            exponent = 0;
        } else if (b == ':' && afterString) {
            lastName = candidateName.toString();
            afterString = false;
        } else if (b > ' ') {
            afterString = false;
        }
        previous = b;
    }

    private void string(int b) {
        stringLength++;
        if (stringLength > MAX_STRING && !LARGE_VALUES.contains(lastName)) {
            refuse("holds a string longer than FHIR's limit of 1 MiB (after \"" + lastName + "\")");
        }
        if (hexLeft > 0) {
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                hexLeft = -1; // not an escape: the parser says what is wrong with it
                return;
            }
            hexValue = hexValue * 16 + digit;
            if (--hexLeft == 0) {
                escapedCharacter(hexValue);
                hexLeft = -1;
            }
            return;
        }
        if (escaped) {
            escaped = false;
            if (b == 'u') {
                hexLeft = 4;
                hexValue = 0;
                return;
            }
            loneHighSurrogate();
            return;
        }
        if (b == '\\') {
            escaped = true;
            return;
        }
        loneHighSurrogate();
        if (b == '"') {
            inString = false;
            afterString = true;
            previous = b;
            return;
        }
        if (candidateName.length() < 32) {
            candidateName.append((char) b);
        }
    }

    private void escapedCharacter(int c) {
        if (Character.isHighSurrogate((char) c)) {
            loneHighSurrogate();
            highSurrogateOpen = true;
            return;
        }
        if (Character.isLowSurrogate((char) c)) {
            if (!highSurrogateOpen) {
                refuse("holds a lone surrogate \\u" + Integer.toHexString(c) + " in a string");
            }
            highSurrogateOpen = false;
            return;
        }
        loneHighSurrogate();
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            refuse("holds the control character \\u" + String.format("%04x", c) + " in a string, which FHIR "
                    + "strings may not hold");
        }
    }

    private void loneHighSurrogate() {
        if (highSurrogateOpen) {
            refuse("holds a lone surrogate in a string");
        }
    }

    private void endExponent() {
        if (exponentState > 0 && exponent > MAX_EXPONENT) {
            refuse("holds a number with an exponent beyond " + MAX_EXPONENT);
        }
        exponentState = 0;
    }

    private static void refuse(String why) {
        throw new InvalidRequestException("The request body " + why + "; nothing was stored");
    }
}
