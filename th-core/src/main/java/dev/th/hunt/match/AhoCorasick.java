package dev.th.hunt.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many literals in one pass over a text (Aho-Corasick automaton with
 * sorted per-node transitions). Immutable after construction; safe for many threads.
 */
public final class AhoCorasick {
    /** Receives (pattern index, index of the character after the occurrence). */
    @FunctionalInterface
    public interface Hit {
        void found(int pattern, int end);
    }

    private final char[][] keys;
    private final int[][] targets;
    private final int[] fail;
    private final int[][] outputs;
    private final int[] lengths;
    /** For nodes with many children, the ASCII transitions as a table (-1: none). */
    private final int[][] dense;

    public AhoCorasick(List<String> patterns) {
        List<char[]> k = new ArrayList<>();
        List<int[]> t = new ArrayList<>();
        List<int[]> out = new ArrayList<>();
        k.add(new char[0]);
        t.add(new int[0]);
        out.add(new int[0]);
        lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            lengths[p] = s.length();
            int node = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                int at = Arrays.binarySearch(k.get(node), c);
                if (at >= 0) {
                    node = t.get(node)[at];
                    continue;
                }
                int ins = -at - 1;
                int child = k.size();
                k.add(new char[0]);
                t.add(new int[0]);
                out.add(new int[0]);
                k.set(node, insert(k.get(node), ins, c));
                t.set(node, insert(t.get(node), ins, child));
                node = child;
            }
            int[] o = out.get(node);
            int[] grown = Arrays.copyOf(o, o.length + 1);
            grown[o.length] = p;
            out.set(node, grown);
        }
        keys = k.toArray(char[][]::new);
        targets = t.toArray(int[][]::new);
        outputs = out.toArray(int[][]::new);
        dense = new int[keys.length][];
        for (int n = 0; n < keys.length; n++) {
            if (n == 0 || keys[n].length >= 6) {
                int[] d = new int[128];
                Arrays.fill(d, -1);
                for (int i = 0; i < keys[n].length; i++) {
                    if (keys[n][i] < 128) {
                        d[keys[n][i]] = targets[n][i];
                    }
                }
                dense[n] = d;
            }
        }
        fail = new int[keys.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : targets[0]) {
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int i = 0; i < keys[node].length; i++) {
                char c = keys[node][i];
                int child = targets[node][i];
                int f = fail[node];
                int next;
                while ((next = step(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = next >= 0 && next != child ? next : 0;
                int[] inherited = outputs[fail[child]];
                if (inherited.length > 0) {
                    int[] merged = Arrays.copyOf(outputs[child], outputs[child].length + inherited.length);
                    System.arraycopy(inherited, 0, merged, outputs[child].length, inherited.length);
                    outputs[child] = merged;
                }
                queue.add(child);
            }
        }
    }

    private int step(int node, char c) {
        if (c < 128) {
            int[] d = dense[node];
            if (d != null) {
                return d[c];
            }
        }
        char[] k = keys[node];
        int at = k.length < 8 ? linear(k, c) : Arrays.binarySearch(k, c);
        return at >= 0 ? targets[node][at] : -1;
    }

    private static int linear(char[] k, char c) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The length of a pattern. */
    public int length(int pattern) {
        return lengths[pattern];
    }

    /**
     * Reports every occurrence in {@code text} lower-cased; false (and nothing reported) when
     * the text is not all ASCII, where lower-casing one character at a time could differ from
     * lower-casing the string.
     */
    public boolean searchAsciiIgnoreCase(String text, Hit hit) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        search(text, true, hit);
        return true;
    }

    /** Reports every occurrence of every pattern in {@code text}. */
    public void search(String text, Hit hit) {
        search(text, false, hit);
    }

    private void search(String text, boolean lower, Hit hit) {
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lower && c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            int next;
            while ((next = step(node, c)) < 0 && node != 0) {
                node = fail[node];
            }
            node = next < 0 ? 0 : next;
            for (int p : outputs[node]) {
                hit.found(p, i + 1);
            }
        }
    }

    private static char[] insert(char[] a, int at, char v) {
        char[] r = new char[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }

    private static int[] insert(int[] a, int at, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }
}
