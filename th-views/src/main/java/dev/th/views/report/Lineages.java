package dev.th.views.report;

import dev.th.views.TreeChart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process creations of one machine, read once, and the execution tree of any of them cut to
 * a bound: its ancestors, itself, and its descendants breadth first, at most {@code depth}
 * generations down, {@code children} children of one process and {@code nodes} in all, with how
 * many processes were left out. Processes link by GUID, else by pid and name (as {@link TreeChart}
 * draws them), so the report draws several trees of a machine from one query.
 */
final class Lineages {
    /** A cut tree: its rows in time order (a parent before its child), and the descendants left out. */
    record Cut(List<Map<String, Object>> rows, int leftOut) {
    }

    private final Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();

    /** {@code creations}: process creation rows of one machine (ChildGuid, ChildPid, ChildFilename, the same of the parent, DateTime). */
    Lineages(List<Map<String, Object>> creations) {
        for (Map<String, Object> r : creations) {
            String k = key(r, "Child");
            if (byKey.putIfAbsent(k, r) == null) {
                String p = key(r, "Parent");
                if (!p.equals(k)) {
                    children.computeIfAbsent(p, x -> new ArrayList<>()).add(k);
                }
            }
        }
        Comparator<String> byTime = Comparator.comparing(k -> String.valueOf(byKey.get(k).get("DateTime")));
        children.values().forEach(l -> l.sort(byTime));
    }

    static String key(Map<String, Object> r, String side) {
        Object g = r.get(side + "Guid");
        Object n = r.get(side + "Filename");
        return TreeChart.key(g == null ? null : g.toString(), r.get(side + "Pid"), n == null ? null : n.toString());
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** The tree of the process {@code key}: ancestors (up to {@code depth}), itself, descendants within the bounds. */
    Cut tree(String key, int depth, int childrenPerNode, int nodes) {
        List<String> keep = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String up = key(byKey.get(key), "Parent");
        List<String> ancestors = new ArrayList<>();
        for (int i = 0; i < depth && byKey.containsKey(up) && seen.add(up); i++) {
            ancestors.add(0, up);
            up = key(byKey.get(up), "Parent");
        }
        keep.addAll(ancestors);
        seen.add(key);
        keep.add(key);
        int leftOut = 0;
        ArrayDeque<String[]> queue = new ArrayDeque<>();
        queue.add(new String[] {key, "0"});
        while (!queue.isEmpty()) {
            String[] at = queue.poll();
            int d = Integer.parseInt(at[1]);
            List<String> kids = children.getOrDefault(at[0], List.of());
            int taken = 0;
            for (String c : kids) {
                if (!seen.add(c)) {
                    continue;
                }
                if (d >= depth || taken >= childrenPerNode || keep.size() >= nodes) {
                    leftOut += 1 + descendants(c, seen);
                    continue;
                }
                taken++;
                keep.add(c);
                queue.add(new String[] {c, String.valueOf(d + 1)});
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>(keep.size());
        for (String k : keep) {
            rows.add(byKey.get(k));
        }
        return new Cut(rows, leftOut);
    }

    /** How many descendants {@code key} has that are not yet seen (marking them seen). */
    private int descendants(String key, Set<String> seen) {
        int n = 0;
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(key));
        while (!queue.isEmpty()) {
            for (String c : children.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(c)) {
                    n++;
                    queue.add(c);
                }
            }
        }
        return n;
    }
}
