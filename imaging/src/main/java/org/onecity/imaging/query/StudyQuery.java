package org.onecity.imaging.query;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A query of the index, the same for C-FIND and QIDO-RS: the level, the matching keys with their DICOM matching
 * values, the attributes to return, paging, and whom the caller may see.
 *
 * @param matching   attribute to matching value (single value, wildcard, range or UID list; PS3.4 C.2.2.2)
 * @param returning  the attributes each match carries, beyond the level's defaults
 * @param otherTags  tags not in the index asked for (QIDO includefield), answered from the instance metadata
 * @param hospitals  the hospitals whose studies the caller may see; null for every hospital
 */
public record StudyQuery(QueryLevel level, Map<Attr, String> matching, Set<Attr> returning, Set<String> otherTags,
                         int limit, int offset, Set<String> hospitals) {

    public static final int MAX_LIMIT = 1000;

    public StudyQuery {
        matching = new LinkedHashMap<>(matching);
        returning = new LinkedHashSet<>(returning);
        otherTags = new LinkedHashSet<>(otherTags);
        if (limit <= 0 || limit > MAX_LIMIT) {
            limit = MAX_LIMIT;
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
