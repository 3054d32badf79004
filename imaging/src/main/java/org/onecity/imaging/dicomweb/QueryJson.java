package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onecity.imaging.query.Attr;

/** Query results' values in the DICOM JSON model (PS3.18 F.2). */
final class QueryJson {

    private QueryJson() {
    }

    static void put(ObjectNode item, Attr attr, Object value) {
        ObjectNode attribute = item.putObject(attr.hex());
        attribute.put("vr", attr.vr);
        if (value == null || value.toString().isEmpty()) {
            return;
        }
        ArrayNode values = attribute.putArray("Value");
        switch (attr.vr) {
            case "PN" -> {
                String[] groups = value.toString().split("=", -1);
                ObjectNode name = values.addObject();
                name.put("Alphabetic", groups[0]);
                if (groups.length > 1 && !groups[1].isEmpty()) {
                    name.put("Ideographic", groups[1]);
                }
                if (groups.length > 2 && !groups[2].isEmpty()) {
                    name.put("Phonetic", groups[2]);
                }
            }
            case "IS", "US" -> values.add(((Number) value).longValue());
            default -> {
                for (String single : value.toString().split("\\\\")) {
                    values.add(single);
                }
            }
        }
    }

    static void putString(ObjectNode item, String tag, String vr, String value) {
        ObjectNode attribute = item.putObject(tag);
        attribute.put("vr", vr);
        attribute.putArray("Value").add(value);
    }
}
