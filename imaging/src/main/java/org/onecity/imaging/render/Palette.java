package org.onecity.imaging.render;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/**
 * A PALETTE COLOR image's lookup tables (PS3.3 C.7.6.3.1.5-6): a stored value picks an entry of each of the red,
 * green and blue tables; values below the first mapped one take the first entry, above the last the last.
 */
public record Palette(int entries, int firstMapped, int bits, int[] red, int[] green, int[] blue) {

    static Palette of(AttributeList list) {
        int[] descriptor = descriptor(list, TagFromName.RedPaletteColorLookupTableDescriptor);
        if (descriptor == null || list.get(TagFromName.RedPaletteColorLookupTableData) == null) {
            throw new NotRenderable("PALETTE COLOR without (unsegmented) palette lookup tables");
        }
        int entries = descriptor[0] == 0 ? 65536 : descriptor[0];
        return new Palette(entries, descriptor[1], descriptor[2],
                table(list, TagFromName.RedPaletteColorLookupTableData, entries, descriptor[2]),
                table(list, TagFromName.GreenPaletteColorLookupTableData, entries, descriptor[2]),
                table(list, TagFromName.BluePaletteColorLookupTableData, entries, descriptor[2]));
    }

    /** The 8-bit RGB of a stored value. */
    int rgb(int value) {
        int index = Math.max(0, Math.min(entries - 1, value - firstMapped));
        int shift = bits > 8 ? bits - 8 : 0;
        return (red[index] >> shift & 0xFF) << 16 | (green[index] >> shift & 0xFF) << 8 | blue[index] >> shift & 0xFF;
    }

    private static int[] descriptor(AttributeList list, AttributeTag tag) {
        try {
            Attribute attribute = list.get(tag);
            return attribute == null || attribute.getVM() < 3 ? null : attribute.getIntegerValues();
        } catch (Exception e) {
            return null;
        }
    }

    private static int[] table(AttributeList list, AttributeTag tag, int entries, int bits) {
        try {
            Attribute data = list.get(tag);
            int[] table = new int[entries];
            if (bits > 8 || data.getVL() >= 2L * entries) {
                short[] words = data.getShortValues();
                for (int i = 0; i < entries && i < words.length; i++) {
                    table[i] = words[i] & 0xFFFF;
                }
            } else {
                byte[] bytes = data.getByteValues();
                for (int i = 0; i < entries && i < bytes.length; i++) {
                    table[i] = bytes[i] & 0xFF;
                }
            }
            return table;
        } catch (Exception e) {
            throw new NotRenderable("Unreadable palette lookup table: " + e.getMessage());
        }
    }
}
