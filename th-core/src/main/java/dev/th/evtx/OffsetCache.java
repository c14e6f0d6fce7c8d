package dev.th.evtx;

/**
 * Strings decoded once per chunk, keyed by their offset in the chunk: an open-addressing table
 * that {@link #clear} empties in O(1) (entries of an older generation count as empty), so a file
 * of one record pays for a few hundred slots, not for a 64 Ki-entry array.
 */
final class OffsetCache {
    private int[] keys = new int[512];
    private int[] gens = new int[512];
    private String[] values = new String[512];
    private int size;
    private int gen = 1;

    /** Forgets every entry. */
    void clear() {
        size = 0;
        if (++gen == Integer.MAX_VALUE) {
            java.util.Arrays.fill(gens, 0);
            gen = 1;
        }
    }

    String get(int offset) {
        int mask = keys.length - 1;
        for (int i = mix(offset) & mask; gens[i] == gen; i = (i + 1) & mask) {
            if (keys[i] == offset) {
                return values[i];
            }
        }
        return null;
    }

    void put(int offset, String value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(offset) & mask;
        while (gens[i] == gen) {
            if (keys[i] == offset) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = offset;
        gens[i] = gen;
        values[i] = value;
        size++;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldGens = gens;
        String[] oldValues = values;
        int oldGen = gen;
        keys = new int[oldKeys.length * 2];
        gens = new int[oldKeys.length * 2];
        values = new String[oldKeys.length * 2];
        size = 0;
        gen = 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGens[i] == oldGen) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int x) {
        return x * 0x9E3779B1 >>> 7;
    }
}
