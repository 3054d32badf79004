package org.onecity.imaging.dimse;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import org.onecity.imaging.query.Attr;
import org.onecity.imaging.query.Match;
import org.onecity.imaging.query.QueryLevel;
import org.onecity.imaging.query.StudyQuery;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * C-FIND and C-MOVE identifiers (PS3.4 C.4) turned into index queries, and matches turned back into identifiers:
 * each key of the request is returned, with the value found where the index holds the attribute.
 */
final class DimseQueries {

    private static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});

    private DimseQueries() {
    }

    static StudyQuery query(AttributeList identifier, Set<String> hospitals, int limit) {
        QueryLevel level = QueryLevel.of(Attribute.getSingleStringValueOrNull(identifier, TagFromName.QueryRetrieveLevel));
        Map<Attr, String> matching = new EnumMap<>(Attr.class);
        Set<Attr> returning = EnumSet.noneOf(Attr.class);
        for (Attribute attribute : identifier.values()) {
            AttributeTag tag = attribute.getTag();
            Attr.tagged(tag.getGroup() << 16 | tag.getElement()).ifPresent(attr -> {
                if (attr.level.ordinal() > level.ordinal()) {
                    throw new IllegalArgumentException(attr.keyword + " is not a key at " + level + " level");
                }
                returning.add(attr);
                String value = Attribute.getDelimitedStringValuesOrNull(attribute);
                if (value != null && !value.isBlank()) {
                    matching.put(attr, value.trim());
                }
            });
        }
        return new StudyQuery(level, matching, returning, Set.of(), limit, 0, hospitals);
    }

    /** The response identifier: every requested key, and the level's unique keys. */
    static AttributeList response(AttributeList request, Match match, QueryLevel level) throws DicomException {
        AttributeList response = new AttributeList();
        for (Attribute attribute : request.values()) {
            AttributeTag tag = attribute.getTag();
            if (tag.equals(TagFromName.SpecificCharacterSet)) {
                continue;
            }
            response.put(AttributeFactory.newAttribute(tag, attribute.getVR(), UTF_8));
        }
        Set<Attr> keys = new LinkedHashSet<>(match.values().keySet());
        for (Attr attr : keys) {
            Object value = match.values().get(attr);
            Attribute attribute = AttributeFactory.newAttribute(new AttributeTag(attr.tag >>> 16, attr.tag & 0xFFFF),
                    attr.vr.getBytes(StandardCharsets.US_ASCII), UTF_8);
            if (value != null && !value.toString().isEmpty()) {
                for (String single : value.toString().split("\\\\")) {
                    attribute.addValue(single);
                }
            }
            response.put(attribute);
        }
        Attribute levelAttribute = AttributeFactory.newAttribute(TagFromName.QueryRetrieveLevel, "CS".getBytes(StandardCharsets.US_ASCII));
        levelAttribute.addValue(level.name());
        response.put(levelAttribute);
        response.put(utf8());
        return response;
    }

    /** Names may hold Chinese characters: responses say they are UTF-8. */
    private static Attribute utf8() throws DicomException {
        Attribute charset = AttributeFactory.newAttribute(TagFromName.SpecificCharacterSet, "CS".getBytes(StandardCharsets.US_ASCII));
        charset.addValue("ISO_IR 192");
        return charset;
    }
}
