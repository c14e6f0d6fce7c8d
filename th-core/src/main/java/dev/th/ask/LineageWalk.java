package dev.th.ask;

import dev.th.Operation;
import dev.th.Process;
import dev.th.query.Cond;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution tree walked in memory: one read of every process creation and end on the machine,
 * then the same joins as {@link Lineage}'s one-process questions applied in Java (by GUID;
 * otherwise by pid within the process's lifetime, so a reused pid never joins unrelated
 * processes). One statement whatever the tree's depth.
 */
public final class LineageWalk {
    private static final Rows ROWS = Rows.get();
    /** The join keys of one creation or end of a process. */
    private record Node(String guid, String parentGuid, Long pid, Long parentPid, Instant time, boolean create,
            Process row) {
        String key() {
            return Lineage.key(guid, pid, time);
        }

        static Node of(Process p) {
            return new Node(p.guid(), p.parentGuid(), p.pid(), p.parentPid(), p.time(),
                    !"kill".equals(p.operation()), p);
        }
    }

    private static final Comparator<Node> BY_TIME = Comparator.comparing(Node::time,
            Comparator.nullsLast(Comparator.naturalOrder()));

    private final Map<String, List<Node>> byGuid = new HashMap<>();
    private final Map<String, List<Node>> byParentGuid = new HashMap<>();
    /** Creations without a GUID, by pid. */
    private final Map<Long, List<Node>> byPid = new HashMap<>();
    /** Creations without a parent GUID, by parent pid. */
    private final Map<Long, List<Node>> byParentPid = new HashMap<>();
    /** Every creation and end, by pid: what ends a pid's meaning. */
    private final Map<Long, List<Node>> events = new HashMap<>();

    private LineageWalk(List<Node> all) {
        for (Node n : all) {
            if (n.pid() != null) {
                events.computeIfAbsent(n.pid(), k -> new ArrayList<>()).add(n);
            }
            if (!n.create()) {
                continue;
            }
            if (n.guid() != null) {
                byGuid.computeIfAbsent(n.guid(), k -> new ArrayList<>()).add(n);
            } else if (n.pid() != null) {
                byPid.computeIfAbsent(n.pid(), k -> new ArrayList<>()).add(n);
            }
            if (n.parentGuid() != null) {
                byParentGuid.computeIfAbsent(n.parentGuid(), k -> new ArrayList<>()).add(n);
            } else if (n.parentPid() != null) {
                byParentPid.computeIfAbsent(n.parentPid(), k -> new ArrayList<>()).add(n);
            }
        }
    }

    /** Reads the machine's process creations and ends, in time order. */
    private static LineageWalk read(Process p) {
        Table t = ROWS.session(p).run(Query.from(Session.EVENTS)
                .where(Cond.eq("Muid", p.muid()))
                .where(Cond.eq("Family", "process"))
                .where(Conditions.SINGLE)
                .where(Cond.in("Operation", List.of(Operation.Process.CREATE.label(), "kill")))
                .selectColumns(Conditions.storedColumns(SeedColumns.concat(SeedColumns.MACHINE_EXECUTIONS, SeedColumns.STARTERS))));
        List<Node> all = new ArrayList<>();
        for (Process r : Lineage.rows(p, t)) {
            all.add(Node.of(r));
        }
        all.sort(BY_TIME);
        return new LineageWalk(all);
    }

    /** As {@link Lineage#end}: the process's end, or the next creation of its pid by the same kind of source. */
    private Instant end(Node p) {
        if (p.time() == null || p.pid() == null) {
            return null;
        }
        for (Node e : events.getOrDefault(p.pid(), List.of())) {
            if (e.time() == null || !e.time().isAfter(p.time())) {
                continue;
            }
            if (!e.create() || (p.guid() == null) == (e.guid() == null)) {
                return e.time();
            }
        }
        return null;
    }

    /** As {@link Lineage#loggedParent}. */
    private Node parent(Node p) {
        if (p.parentGuid() != null) {
            List<Node> r = byGuid.getOrDefault(p.parentGuid(), List.of());
            return r.isEmpty() ? null : r.get(0);
        }
        if (p.parentPid() == null || p.time() == null) {
            return null;
        }
        Node candidate = null;
        for (Node c : byPid.getOrDefault(p.parentPid(), List.of())) {
            if (c.time() != null && !c.time().isAfter(p.time())) {
                candidate = c;
            }
        }
        if (candidate == null) {
            return null;
        }
        Instant end = end(candidate);
        return end == null || end.isAfter(p.time()) ? candidate : null;
    }

    /** As {@link Lineage#children}, in time order. */
    private List<Node> children(Node p) {
        if (p.guid() != null) {
            return byParentGuid.getOrDefault(p.guid(), List.of());
        }
        if (p.pid() == null || p.time() == null) {
            return List.of();
        }
        Instant end = end(p);
        List<Node> out = new ArrayList<>();
        for (Node c : byParentPid.getOrDefault(p.pid(), List.of())) {
            if (c.time() != null && !c.time().isBefore(p.time()) && (end == null || c.time().isBefore(end))) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The tree of {@code p}: ancestors, {@code p} (its creation when it is known by GUID) and its
     * descendants, keyed as {@link Lineage#key}, with each one's depth (ancestors negative).
     */
    static Map<String, Process> tree(Process p, Map<String, Integer> depth, int maxDepth, int maxNodes) {
        LineageWalk w = read(p);
        Node self = Node.of(p);
        if (!"create".equals(p.operation()) && p.guid() != null && w.byGuid.containsKey(p.guid())) {
            self = w.byGuid.get(p.guid()).get(0);
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        nodes.put(self.key(), self);
        depth.put(self.key(), 0);
        Node cur = self;
        for (int level = 1; level <= maxDepth; level++) {
            Node up = w.parent(cur);
            if (up == null || nodes.containsKey(up.key())) {
                break;
            }
            nodes.put(up.key(), up);
            depth.put(up.key(), -level);
            cur = up;
        }
        w.descendants(self, nodes, depth, maxDepth, maxNodes);
        Map<String, Process> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            out.put(e.getKey(), e.getValue().row());
        }
        return out;
    }

    private void descendants(Node root, Map<String, Node> nodes, Map<String, Integer> depths, int maxDepth,
            int maxNodes) {
        if (root.guid() != null) {
            Set<String> frontier = new LinkedHashSet<>(List.of(root.guid()));
            for (int depth = 0; depth < maxDepth && !frontier.isEmpty() && nodes.size() < maxNodes; depth++) {
                List<Node> level = new ArrayList<>();
                for (String g : frontier) {
                    level.addAll(byParentGuid.getOrDefault(g, List.of()));
                }
                level.sort(BY_TIME);
                frontier = new LinkedHashSet<>();
                for (Node c : level) {
                    if (c.guid() != null && nodes.putIfAbsent(c.key(), c) == null) {
                        depths.put(c.key(), depth + 1);
                        frontier.add(c.guid());
                    }
                }
            }
            return;
        }
        List<Node> frontier = List.of(root);
        for (int depth = 0; depth < maxDepth && !frontier.isEmpty() && nodes.size() < maxNodes; depth++) {
            List<Node> next = new ArrayList<>();
            for (Node f : frontier) {
                for (Node c : children(f)) {
                    if (nodes.putIfAbsent(c.key(), c) == null) {
                        depths.put(c.key(), depth + 1);
                        next.add(c);
                    }
                }
            }
            frontier = next;
        }
    }
}
