package org.onecity.portal.city;

/** What the portal's server-drawn charts share. */
public final class Svg {

    private Svg() {
    }

    /** Text from elsewhere (a hospital's name, a test's title) made safe inside SVG text and attributes. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
