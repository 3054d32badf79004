package org.onecity.common.security;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code X-Break-Glass-Reason} header, in which a doctor reading past the city's rules states why. Servers read
 * header values as ISO-8859-1, so a reason in any other script is sent as an RFC 8187 ext-value: {@code UTF-8''}
 * (optionally {@code UTF-8'zh-CN'}) followed by the reason's UTF-8 bytes, percent-encoded except the RFC's attr-chars
 * (letters, digits and {@code !#$&+-.^_`|~}; a space is {@code %20}, a {@code +} is a plus). A value without that
 * prefix is the reason itself, as today, so {@code 50% stenosis} in plain text means what it says.
 * <p>
 * Either way the reason is one line of at most {@value #LONGEST} characters (code points, so that a Chinese sentence
 * counts as it reads); anything else is refused as a value naming the problem, which each service answers with 400.
 */
public final class BreakGlassHeader {

    public static final String NAME = "X-Break-Glass-Reason";
    /** Long enough for any emergency; every service and the portal take the same bound. */
    public static final int LONGEST = 500;

    private static final Pattern EXT_VALUE = Pattern.compile("(?i)UTF-8'([A-Za-z0-9-]{0,35})'(.*)", Pattern.DOTALL);
    private static final String ATTR_CHAR_PUNCTUATION = "!#$&+-.^_`|~";
    /** Four UTF-8 bytes of three characters each per code point, and the prefix with a language tag. */
    private static final int LONGEST_HEADER = LONGEST * 12 + 64;

    private BreakGlassHeader() {
    }

    /** What the header says. */
    public sealed interface Reason {
    }

    /** No reason was stated (no header, or only spaces): the request is an ordinary one. */
    public record Absent() implements Reason {
    }

    /** The doctor's reason, decoded and stripped of surrounding spaces. */
    public record Stated(String text) implements Reason {
    }

    /** The header cannot be read as a reason; {@code problem} says why, in words fit for a 400 answer. */
    public record Malformed(String problem) implements Reason {
    }

    /** Reads the header's value as the services received it (null when there is no header). */
    public static Reason read(String value) {
        if (value == null || value.isBlank()) {
            return new Absent();
        }
        if (value.length() > LONGEST_HEADER) {
            return tooLong();
        }
        Matcher ext = EXT_VALUE.matcher(value.strip());
        String text;
        if (ext.matches()) {
            try {
                text = percentDecoded(ext.group(2));
            } catch (IllegalArgumentException e) {
                return new Malformed(NAME + " is not a valid RFC 8187 value (UTF-8''<percent-encoded UTF-8>): "
                        + e.getMessage());
            }
        } else {
            text = value;
        }
        text = text.strip();
        if (text.isEmpty()) {
            return new Absent();
        }
        if (text.codePoints().anyMatch(BreakGlassHeader::isControl)) {
            return new Malformed(NAME + " must be one line of text, without control characters");
        }
        if (text.codePointCount(0, text.length()) > LONGEST) {
            return tooLong();
        }
        return new Stated(text);
    }

    /**
     * The header value for a reason: plain printable ASCII as it is (readable in any log), anything else as an RFC
     * 8187 ext-value. The reason must itself be one the services take ({@link #read} of the result gives it back).
     */
    public static String write(String reason) {
        boolean plain = reason.chars().allMatch(c -> c >= 0x20 && c < 0x7F)
                && !EXT_VALUE.matcher(reason).matches() && reason.equals(reason.strip());
        if (plain) {
            return reason;
        }
        StringBuilder encoded = new StringBuilder("UTF-8''");
        for (byte b : reason.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHAR_PUNCTUATION.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return encoded.toString();
    }

    private static String percentDecoded(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("a % must be followed by two hexadecimal digits");
                }
                bytes.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHAR_PUNCTUATION.indexOf(c) >= 0)) {
                bytes.write(c);
            } else {
                throw new IllegalArgumentException("'" + (c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : c)
                        + "' must be percent-encoded (a space is %20)");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-encoded bytes are not UTF-8");
        }
    }

    /**
     * C0 and C1 controls (CR and LF among them), line and paragraph separators, and the bidirectional overrides and
     * isolates, which would make the reason read differently in the patient's access log than it was written.
     */
    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    private static Malformed tooLong() {
        return new Malformed(NAME + " is too long: at most " + LONGEST + " characters");
    }
}
