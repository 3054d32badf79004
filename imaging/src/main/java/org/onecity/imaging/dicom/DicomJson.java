package org.onecity.imaging.dicom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Iterator;

/**
 * The DICOM JSON model (PS3.18 F.2) of an instance's attributes. File meta information is left out; the pixel data
 * is given as a bulk data URI; other binary values are inline when small and left out when large.
 */
public final class DicomJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int INLINE_BINARY_LIMIT = 4096;

    private DicomJson() {
    }

    /** One instance as a JSON object, its pixel data pointing at {@code pixelDataUri} when it has any. */
    public static String of(AttributeList header, boolean hasPixelData, String pixelDataUri) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            writeAttributes(json, header);
            if (hasPixelData) {
                json.writeObjectFieldStart("7FE00010");
                json.writeStringField("vr", "OW");
                json.writeStringField("BulkDataURI", pixelDataUri);
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeAttributes(JsonGenerator json, AttributeList list) throws IOException {
        for (Attribute attribute : list.values()) {
            AttributeTag tag = attribute.getTag();
            if (tag.getGroup() == 0x0002 || tag.getElement() == 0x0000 || tag.equals(com.pixelmed.dicom.TagFromName.PixelData)) {
                continue;
            }
            json.writeObjectFieldStart(String.format("%04X%04X", tag.getGroup(), tag.getElement()));
            String vr = attribute.getVRAsString();
            json.writeStringField("vr", vr);
            try {
                writeValue(json, attribute, vr);
            } catch (DicomException e) {
                // a value PixelMed cannot decode is left out; the object itself keeps it
            }
            json.writeEndObject();
        }
    }

    private static void writeValue(JsonGenerator json, Attribute attribute, String vr) throws IOException, DicomException {
        if (attribute instanceof SequenceAttribute sequence) {
            json.writeArrayFieldStart("Value");
            for (Iterator<SequenceItem> items = sequence.iterator(); items.hasNext(); ) {
                json.writeStartObject();
                writeAttributes(json, items.next().getAttributeList());
                json.writeEndObject();
            }
            json.writeEndArray();
            return;
        }
        if (attribute.getVL() == 0) {
            return;
        }
        switch (vr) {
            case "OB", "OW", "OF", "OD", "OL", "OV", "UN" -> {
                if (attribute.getVL() <= INLINE_BINARY_LIMIT) {
                    json.writeStringField("InlineBinary", Base64.getEncoder().encodeToString(attribute.getByteValues()));
                }
            }
            case "PN" -> {
                json.writeArrayFieldStart("Value");
                for (String name : attribute.getStringValues()) {
                    json.writeStartObject();
                    String[] groups = name.split("=", -1);
                    String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
                    for (int i = 0; i < Math.min(groups.length, 3); i++) {
                        if (!groups[i].isBlank()) {
                            json.writeStringField(keys[i], groups[i].trim());
                        }
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            case "IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV" -> {
                json.writeArrayFieldStart("Value");
                for (String number : attribute.getStringValues()) {
                    writeNumber(json, number.trim());
                }
                json.writeEndArray();
            }
            case "AT" -> {
                json.writeArrayFieldStart("Value");
                for (String value : attribute.getStringValues()) {
                    json.writeString(value.replaceAll("[^0-9A-Fa-f]", "").toUpperCase());
                }
                json.writeEndArray();
            }
            default -> {
                json.writeArrayFieldStart("Value");
                for (String value : attribute.getStringValues()) {
                    json.writeString(value.trim());
                }
                json.writeEndArray();
            }
        }
    }

    private static void writeNumber(JsonGenerator json, String number) throws IOException {
        if (number.isEmpty()) {
            json.writeNull();
            return;
        }
        try {
            json.writeNumber(new BigDecimal(number));
        } catch (NumberFormatException e) {
            json.writeNull();
        }
    }
}
