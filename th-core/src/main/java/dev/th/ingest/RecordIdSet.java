package dev.th.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * The record ids seen in one input, kept as disjoint ranges: EVTX record ids and JSON line
 * numbers mostly follow each other, so memory grows with the number of gaps, not of records.
 */
final class RecordIdSet {
    /** Range start to range end, both inclusive. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** Adds {@code id}; false when it was already there. */
    boolean add(long id) {
        Map.Entry<Long, Long> below = ranges.floorEntry(id);
        if (below != null && below.getValue() >= id) {
            return false;
        }
        boolean joinsBelow = below != null && below.getValue() == id - 1;
        Long aboveStart = id == Long.MAX_VALUE ? null : ranges.get(id + 1);
        if (joinsBelow && aboveStart != null) {
            ranges.put(below.getKey(), ranges.remove(id + 1));
        } else if (joinsBelow) {
            ranges.put(below.getKey(), id);
        } else if (aboveStart != null) {
            ranges.put(id, ranges.remove(id + 1));
        } else {
            ranges.put(id, id);
        }
        return true;
    }

    /** How many ranges are held (for tests of the memory bound). */
    int ranges() {
        return ranges.size();
    }
}
