package dev.th.evtx;

import java.util.LinkedHashMap;

/**
 * The substitution values of a record whose template was lost (its bytes reused): the record's
 * outer template instance still lists every value with its type and size, so each is kept as
 * text under {@code Substitution_<index>} (a nested instance's values, such as EventData's, under
 * {@code Substitution_<index>_<index>}; other binary XML values as hex), in the instance's order; the
 * first FILETIME value, which the System part of Windows' templates gives TimeCreated, is also kept
 * as {@code TimeCreated}.
 */
final class LostTemplate {
    private LostTemplate() {
    }

    /**
     * The values of the template instance that opens the binary XML {@code [start, end)} (after
     * its fragment header), or null when it does not open with one or its value list is damaged.
     */
    static LinkedHashMap<String, String> values(byte[] b, int start, int end, ValueText text) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        int[] types = new int[SYSTEM_TYPES.length];
        if (!collect(b, start, end, text, "Substitution_", fields, 0, types)) {
            return null;
        }
        if (java.util.Arrays.equals(types, SYSTEM_TYPES)) {
            for (int i = 0; i < SYSTEM_NAMES.length; i++) {
                if (SYSTEM_NAMES[i] != null && fields.containsKey("Substitution_" + i)) {
                    fields.put(SYSTEM_NAMES[i], fields.get("Substitution_" + i));
                }
            }
        }
        return fields;
    }

    /**
     * The types of the first values of the System part that Windows' event templates share
     * (0 Level UInt8, 3 EventID UInt16, 6 TimeCreated FILETIME, 10 EventRecordID UInt64, 14 the
     * provider's name and 16 the channel as strings; -1: any type). When the lost template's
     * values have these types, their System names are kept beside the positional ones.
     */
    private static final int[] SYSTEM_TYPES = {0x04, -1, -1, 0x06, -1, -1, 0x11, -1, -1, -1, 0x0a, -1, -1, -1, 0x01, -1, 0x01};
    private static final String[] SYSTEM_NAMES = {null, null, null, "EventID", null, null, null, null,
        "Execution_ProcessID", "Execution_ThreadID", "EventRecordID", null, null, null, "Provider_Name", null, "Channel"};

    private static boolean collect(byte[] b, int start, int end, ValueText text, String prefix,
            LinkedHashMap<String, String> fields, int depth, int[] types) {
        int p = start + 4;
        if (p + 10 > end || Le.i32(b, start) != 0x0001010f || b[p] != 0x0c) {
            return false;
        }
        int defOff = Le.i32(b, p + 6);
        int q = p + 10;
        if (defOff == q) {
            if (q + 24 > end) {
                return false;
            }
            int bodySize = Le.i32(b, q + 20);
            if (bodySize < 0 || q + 24L + bodySize > end) {
                return false;
            }
            q += 24 + bodySize;
        }
        if (q + 4 > end) {
            return false;
        }
        int n = Le.i32(b, q);
        if (n < 0 || q + 4 + 4L * n > end) {
            return false;
        }
        int v = q + 4 + 4 * n;
        for (int i = 0; i < n; i++) {
            int d = q + 4 + 4 * i;
            int size = Le.u16(b, d);
            int type = b[d + 2] & 0xff;
            if (depth == 0 && i < types.length) {
                types[i] = SYSTEM_TYPES[i] < 0 ? -1 : type;
            }
            if (v + size > end) {
                return false;
            }
            if (type == ValueText.BINXML && depth < 4 && size >= 14
                    && collect(b, v, v + size, text, prefix + i + "_", fields, depth + 1, types)) {
                v += size;
                continue; // a nested instance (EventData): its values as Substitution_<i>_<j>
            }
            if (type != ValueText.NULL) {
                int as = type == ValueText.BINXML ? 0x0e : type;
                String s;
                try {
                    s = text.text(b, v, size, as);
                } catch (RuntimeException e) {
                    s = hex(b, v, size, text);
                }
                if (type == 0x11 && !fields.containsKey(TIME)) {
                    fields.put(TIME, s);
                }
                fields.put(prefix + i, s);
            }
            v += size;
        }
        return true;
    }

    /** Where the first FILETIME value is also kept: the template's System part puts TimeCreated first. */
    static final String TIME = "TimeCreated";

    private static String hex(byte[] b, int off, int size, ValueText text) {
        return text.text(b, off, size, 0x0e);
    }
}
