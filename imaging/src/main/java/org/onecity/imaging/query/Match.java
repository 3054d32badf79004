package org.onecity.imaging.query;

import java.util.Map;

/**
 * One match of a query: the returned attributes' values (strings as DICOM encodes them; numbers as numbers) and,
 * for instance-level queries that asked for attributes outside the index, the instance's DICOM JSON.
 */
public record Match(Map<Attr, Object> values, String metadata) {

    public String uid(Attr attr) {
        Object value = values.get(attr);
        return value == null ? null : value.toString();
    }
}
