package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process execution tree: one node per created process (linked by GUID where the rows carry
 * them, else by pid and name), a parent the rows only name as a stub, the IoAs and detections
 * marked on the nodes they are about (colour of the worst, a count in the label), kinds and
 * attributes in the label, and the command line on hover.
 */
public final class TreeChart {
    static final List<String> ATTRIBUTES = List.of("RemoteSession", "External", "FreshUnknown", "LanShared");
    private static final int TIP_LINE = 90;
    private static final int TIP_TEXT = 900;
    /** Nodes a tree draws at most (a page stays small and readable). */
    static final int MAX_NODES = 400;

    private TreeChart() {
    }

    private static final class Node {
        final String key;
        String parentKey;
        final ObjectNode json = Json.object();
        final List<Node> children = new ArrayList<>();
        final List<Mark> marks = new ArrayList<>();
        String name;
        Long pid;
        String guid;
        boolean stub;
        boolean hasCommand;

        Node(String key) {
            this.key = key;
        }
    }

    public static Section of(String title, RowSet rows, List<Mark> marks) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Map<String, Object> r : rows.rows()) {
            String op = RowSet.text(r, "Operation");
            if (op != null && !op.equalsIgnoreCase("create")) {
                continue;
            }
            String key = key(RowSet.text(r, "ChildGuid"), r.get("ChildPid"), RowSet.text(r, "ChildFilename"));
            String cmd = RowSet.text(r, "CommandLine");
            if (nodes.containsKey(key) && !nodes.get(key).stub) {
                Node seen = nodes.get(key);
                if (!seen.hasCommand && cmd != null && !cmd.isBlank()) {
                    describe(seen, r);
                    seen.hasCommand = true;
                }
                continue;
            }
            Node n = nodes.computeIfAbsent(key, Node::new);
            n.stub = false;
            n.name = RowSet.text(r, "ChildFilename");
            n.pid = r.get("ChildPid") instanceof Number p ? p.longValue() : null;
            n.guid = Mark.guid(RowSet.text(r, "ChildGuid"));
            n.parentKey = key(RowSet.text(r, "ParentGuid"), r.get("ParentPid"), RowSet.text(r, "ParentFilename"));
            describe(n, r);
            n.hasCommand = cmd != null && !cmd.isBlank();
            if (!nodes.containsKey(n.parentKey)) {
                Node p = new Node(n.parentKey);
                p.stub = true;
                p.name = RowSet.text(r, "ParentFilename");
                p.pid = r.get("ParentPid") instanceof Number pp ? pp.longValue() : null;
                p.guid = Mark.guid(RowSet.text(r, "ParentGuid"));
                ArrayNode tip = p.json.putArray("tip");
                tip.add(label(p.name, p.pid));
                tip.add("parent (its creation is not in this answer)");
                nodes.put(p.key, p);
            }
        }
        for (Mark m : marks) {
            Node target = find(nodes, m);
            if (target != null) {
                target.marks.add(m);
            }
        }
        int all = nodes.size();
        if (all > MAX_NODES) {
            nodes = prune(nodes);
        }
        List<Node> roots = new ArrayList<>();
        for (Node n : nodes.values()) {
            Node p = n.parentKey == null || n.parentKey.equals(n.key) ? null : nodes.get(n.parentKey);
            if (p == null) {
                roots.add(n);
            } else {
                p.children.add(n);
            }
        }
        ObjectNode option = Json.object();
        option.putObject("tooltip").put("trigger", "item");
        ObjectNode s = option.putArray("series").addObject();
        s.put("type", "tree");
        s.put("name", "execution tree");
        s.put("orient", "LR");
        s.put("initialTreeDepth", -1);
        s.put("roam", true);
        s.put("expandAndCollapse", true);
        s.put("symbolSize", 9);
        s.put("top", 20).put("bottom", 20).put("left", 150).put("right", 260);
        s.putObject("label").put("position", "left").put("verticalAlign", "middle").put("align", "right").put("fontSize", 12);
        s.putObject("leaves").putObject("label").put("position", "right").put("align", "left");
        ArrayNode data = s.putArray("data");
        long marked = nodes.values().stream().filter(n -> !n.marks.isEmpty()).count();
        long placedMarks = nodes.values().stream().mapToLong(n -> n.marks.size()).sum();
        if (roots.size() == 1) {
            data.add(json(roots.get(0)));
        } else if (!roots.isEmpty()) {
            ObjectNode top = data.addObject();
            top.put("name", title);
            top.putArray("tip").add(roots.size() + " trees");
            ArrayNode c = top.putArray("children");
            roots.forEach(r -> c.add(json(r)));
        } else {
            Charts.empty(option, "No process creations");
        }
        long created = nodes.values().stream().filter(n -> !n.stub).count();
        String note = created + (created == 1 ? " process" : " processes") + (marks.isEmpty() ? "" : "; " + placedMarks + " of " + marks.size()
                + " IoAs and detections on " + marked + " of them (colour: the worst severity)") + "."
                + (all > nodes.size() ? " Shown: " + nodes.size() + " of " + all + " nodes (every marked one and its ancestors first)." : "")
                + " Hover a node for its command line; click to fold.";
        return new Section("tree", title, note, Charts.body(option));
    }

    /** At most {@link #MAX_NODES}: the marked nodes and their ancestors, then the others in order (a node only with its parent). */
    private static Map<String, Node> prune(Map<String, Node> nodes) {
        java.util.Set<String> keep = new java.util.LinkedHashSet<>();
        for (Node n : nodes.values()) {
            if (!n.marks.isEmpty()) {
                for (Node x = n; x != null && keep.add(x.key) && keep.size() < MAX_NODES; x = nodes.get(x.parentKey)) {
                    // walk up to the root
                }
            }
        }
        for (Node n : nodes.values()) {
            if (keep.size() >= MAX_NODES) {
                break;
            }
            if (n.parentKey == null || !nodes.containsKey(n.parentKey) || keep.contains(n.parentKey)) {
                keep.add(n.key);
            }
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            if (keep.contains(n.key)) {
                out.put(n.key, n);
            }
        }
        return out;
    }

    private static Node find(Map<String, Node> nodes, Mark m) {
        if (m.guid() != null) {
            Node n = nodes.get("g:" + m.guid());
            if (n != null) {
                return n;
            }
        }
        Node byPid = null;
        for (Node n : nodes.values()) {
            boolean samePid = m.pid() != null && m.pid().equals(n.pid);
            boolean sameName = m.image() != null && n.name != null && m.image().equalsIgnoreCase(n.name);
            if (samePid && (sameName || m.image() == null)) {
                return n;
            }
            if (m.pid() == null && sameName && byPid == null) {
                byPid = n;
            }
        }
        return byPid;
    }

    /** A node's identity: its GUID (lower case, no braces), else its pid and image name. */
    public static String key(String guid, Object pid, String name) {
        String g = Mark.guid(guid);
        if (g != null && !g.isEmpty()) {
            return "g:" + g;
        }
        return "p:" + (pid == null ? "?" : pid) + ":" + (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT));
    }

    private static void describe(Node n, Map<String, Object> r) {
        ArrayNode tip = n.json.putArray("tip");
        tip.add(label(n.name, n.pid));
        addLine(tip, "path", RowSet.text(r, "ChildPath"));
        addLine(tip, "time", RowSet.text(r, "DateTime"));
        addLine(tip, "user", RowSet.text(r, "LoggedUser"));
        addLine(tip, "md5", RowSet.text(r, "ChildMd5"));
        addLine(tip, "kind", RowSet.text(r, "Kind"));
        String by = RowSet.text(r, "StartedBy");
        if (by != null) {
            String what = RowSet.text(r, "StartedFor");
            tip.add("started by: " + by + (what == null ? "" : " " + what));
        }
        List<String> attrs = attributes(r);
        if (!attrs.isEmpty()) {
            tip.add("attributes: " + String.join(", ", attrs));
        }
        String cmd = RowSet.text(r, "CommandLine");
        if (cmd != null && !cmd.isBlank()) {
            tip.add("command line:");
            String c = cmd.length() > TIP_TEXT ? cmd.substring(0, TIP_TEXT) + " ... (" + cmd.length() + " characters)" : cmd;
            for (int i = 0; i < c.length(); i += TIP_LINE) {
                tip.add("  " + c.substring(i, Math.min(c.length(), i + TIP_LINE)));
            }
        }
        n.json.put("kind", RowSet.text(r, "Kind"));
        n.json.set("attributes", Json.strings(attrs));
    }

    private static List<String> attributes(Map<String, Object> r) {
        List<String> out = new ArrayList<>();
        for (String a : ATTRIBUTES) {
            if (Boolean.TRUE.equals(r.get(a))) {
                out.add(a);
            }
        }
        return out;
    }

    private static void addLine(ArrayNode tip, String name, String value) {
        if (value != null && !value.isBlank()) {
            tip.add(name + ": " + value);
        }
    }

    private static String label(String name, Long pid) {
        return (name == null ? "?" : name) + (pid == null ? "" : " (" + pid + ")");
    }

    private static ObjectNode json(Node n) {
        ObjectNode o = n.json.deepCopy();
        StringBuilder name = new StringBuilder(label(n.name, n.pid));
        String kind = o.path("kind").isTextual() ? o.get("kind").asText() : null;
        if (kind != null && !kind.isEmpty()) {
            name.append(" [").append(kind).append(']');
        }
        for (com.fasterxml.jackson.databind.JsonNode a : o.withArray("attributes")) {
            name.append(" [").append(a.asText()).append(']');
        }
        if (o.path("kind").isNull()) {
            o.remove("kind");
        }
        if (n.stub) {
            o.putObject("itemStyle").put("color", "#adb5bd");
        }
        if (!n.marks.isEmpty()) {
            long ioas = n.marks.stream().filter(m -> m.type().equals("IoA")).count();
            long det = n.marks.size() - ioas;
            name.append("  !! ").append(ioas > 0 ? ioas + (ioas == 1 ? " IoA" : " IoAs") : "")
                    .append(ioas > 0 && det > 0 ? ", " : "").append(det > 0 ? det + (det == 1 ? " detection" : " detections") : "");
            String worst = worst(n.marks);
            o.putObject("itemStyle").put("color", IoaChart.COLOURS.getOrDefault(worst, "#c2255c")).put("borderColor", "#212529");
            o.put("symbol", "diamond");
            o.put("symbolSize", 16);
            o.putObject("label").put("color", IoaChart.COLOURS.getOrDefault(worst, "#c2255c")).put("fontWeight", "bold");
            ArrayNode ioaNames = o.putArray("ioas");
            ArrayNode tip = o.withArray("tip");
            List<Mark> sorted = new ArrayList<>(n.marks);
            sorted.sort(java.util.Comparator.comparing(Mark::type).thenComparing(m -> String.valueOf(m.label())));
            for (Mark m : sorted) {
                ioaNames.add(m.label());
                tip.add(m.type() + " (" + m.severity() + "): " + m.label() + (m.mitre().isEmpty() ? "" : " - " + m.mitre()));
            }
        }
        o.put("name", name.toString());
        if (!n.children.isEmpty()) {
            ArrayNode c = o.putArray("children");
            n.children.forEach(ch -> c.add(json(ch)));
        }
        return o;
    }

    private static String worst(List<Mark> marks) {
        for (String s : IoaChart.SEVERITIES) {
            if (marks.stream().anyMatch(m -> s.equalsIgnoreCase(m.severity()))) {
                return s;
            }
        }
        return "detection";
    }
}
