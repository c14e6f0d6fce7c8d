package dev.th.normalize;

import dev.th.model.Column;
import dev.th.model.Family;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Windows event to canonical mapping, read from {@code sources.tsv}, {@code events.tsv} and
 * {@code fields.tsv} beside this class (the mapping is data; see those files). Read once and
 * shared read-only; lookups by (channel or provider, event id) cost a few string compares and
 * an array index.
 */
final class MappingTable {
    static final String SOURCES = "sources.tsv";
    static final String EVENTS = "events.tsv";
    static final String FIELDS = "fields.tsv";

    private static volatile MappingTable standard;

    private final Source[] sources;

    private MappingTable(Source[] sources) {
        this.sources = sources;
    }

    /** The shipped table, loaded on first use. */
    static MappingTable standard() {
        MappingTable t = standard;
        if (t == null) {
            synchronized (MappingTable.class) {
                t = standard;
                if (t == null) {
                    t = new Loader().load(lines(SOURCES), lines(EVENTS), lines(FIELDS));
                    standard = t;
                }
            }
        }
        return t;
    }

    /** The rule for an event, or null when it maps to no family (kept raw). */
    EventRule find(String channel, String provider, int eventId) {
        for (Source s : sources) {
            if (s.channel.equalsIgnoreCase(channel)) {
                return s.rule(eventId);
            }
        }
        for (Source s : sources) {
            if (s.provider.equalsIgnoreCase(provider)) {
                return s.rule(eventId);
            }
        }
        return null;
    }

    /** Every rule, source by source. */
    List<EventRule> rules() {
        List<EventRule> all = new ArrayList<>();
        for (Source s : sources) {
            for (EventRule r : s.byId) {
                if (r != null) {
                    all.add(r);
                }
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** Builds a table from the three files' lines; errors name the file and line. */
    static MappingTable parse(List<String> sources, List<String> events, List<String> fields) {
        return new Loader().load(sources, events, fields);
    }

    private static List<String> lines(String name) {
        try (InputStream in = MappingTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("mapping resource dev/th/normalize/" + name + " is missing from the classpath");
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping resource " + name, e);
        }
    }

    private static final class Source {
        final String name;
        final String channel;
        final String provider;
        EventRule[] byId = new EventRule[0];

        Source(String name, String channel, String provider) {
            this.name = name;
            this.channel = channel;
            this.provider = provider;
        }

        EventRule rule(int id) {
            return id >= 0 && id < byId.length ? byId[id] : null;
        }
    }

    /** Reads and checks the three files. */
    private static final class Loader {
        private final Map<String, Source> sources = new LinkedHashMap<>();
        private final Map<String, EventRule> heads = new LinkedHashMap<>();
        private final Map<String, List<FieldRule>> fieldRules = new HashMap<>();
        private final Set<String> fieldKeys = new HashSet<>();

        MappingTable load(List<String> sourceLines, List<String> eventLines, List<String> fieldLines) {
            rows(SOURCES, sourceLines, 3, (where, c) -> {
                if (sources.containsKey(c[0])) {
                    throw error(where, "source '" + c[0] + "' is listed twice");
                }
                sources.put(c[0], new Source(c[0], c[1], c[2]));
            });
            List<String[]> eventRows = new ArrayList<>();
            List<String> eventWhere = new ArrayList<>();
            rows(EVENTS, eventLines, 5, (where, c) -> {
                eventRows.add(c);
                eventWhere.add(where);
                for (int id : ids(where, c[1])) {
                    String key = key(where, c[0], id);
                    if (heads.containsKey(key)) {
                        throw error(where, c[0] + " " + id + " is mapped twice");
                    }
                    heads.put(key, null);
                    fieldRules.put(key, new ArrayList<>());
                }
            });
            rows(FIELDS, fieldLines, 5, (where, c) -> {
                FieldRule rule = fieldRule(where, c);
                for (int id : ids(where, c[1])) {
                    String key = key(where, c[0], id);
                    List<FieldRule> list = fieldRules.get(key);
                    if (list == null) {
                        throw error(where, c[0] + " " + id + " has no row in " + EVENTS);
                    }
                    if (!fieldKeys.add(key + "/" + rule.column)) {
                        throw error(where, c[0] + " " + id + " column " + rule.column + " is mapped twice");
                    }
                    list.add(rule);
                }
            });
            for (int i = 0; i < eventRows.size(); i++) {
                eventRule(eventWhere.get(i), eventRows.get(i));
            }
            return new MappingTable(sources.values().toArray(new Source[0]));
        }

        private void eventRule(String where, String[] c) {
            Family family = family(where, c[2]);
            String[] ops = c[3].equals("-") ? new String[0] : c[3].split("\\|", -1);
            for (String op : ops) {
                if (op.isEmpty() || !op.equals(op.toLowerCase(java.util.Locale.ROOT))) {
                    throw error(where, "operation '" + c[3] + "' must be lower-case words separated by |");
                }
            }
            Logic logic = Logic.byLabel(c[4]);
            if (logic == null) {
                throw error(where, "unknown logic '" + c[4] + "'; allowed: " + labels(Logic.values()));
            }
            if (ops.length > 2 || (ops.length == 2 && logic != Logic.PE_EXTENSION && logic != Logic.REGISTRY_OBJECT)) {
                throw error(where, "two operations need the pe-extension or registry-object logic to choose");
            }
            Source source = sources.get(c[0]);
            for (int id : ids(where, c[1])) {
                EventRule rule = new EventRule(c[0], id, family, ops, logic, fieldRules.get(key(where, c[0], id)));
                if (id >= source.byId.length) {
                    source.byId = java.util.Arrays.copyOf(source.byId, id + 1);
                }
                source.byId[id] = rule;
            }
        }

        private FieldRule fieldRule(String where, String[] c) {
            Column column;
            try {
                column = Column.valueOf(c[2]);
            } catch (IllegalArgumentException e) {
                throw error(where, "unknown column '" + c[2] + "' (not in dev.th.model.Column)");
            }
            if (column == Column.Family || column == Column.Operation || column == Column.Fields) {
                throw error(where, "column " + column + " is set by the normalizer, not by a field");
            }
            Conversion conversion = Conversion.byLabel(c[4]);
            if (conversion == null) {
                throw error(where, "unknown conversion '" + c[4] + "'; allowed: " + labels(Conversion.values()));
            }
            if (conversion.type != column.type()) {
                throw error(where, "conversion " + conversion.label + " gives " + conversion.type + " but column " + column + " is " + column.type());
            }
            String spec = c[3];
            if (spec.startsWith("=")) {
                if (conversion != Conversion.TEXT) {
                    throw error(where, "a constant takes the text conversion");
                }
                return new FieldRule(column, null, spec.substring(1), conversion);
            }
            String[] alts = spec.split("\\|", -1);
            String[][] alternatives = new String[alts.length][];
            for (int i = 0; i < alts.length; i++) {
                String[] parts = alts[i].split("\\\\", -1);
                for (String p : parts) {
                    if (p.isEmpty()) {
                        throw error(where, "empty field name in '" + spec + "'");
                    }
                }
                if (parts.length > 2) {
                    throw error(where, "'" + alts[i] + "': at most two fields joined by \\");
                }
                if (parts[0].startsWith("@") && (parts.length > 1 || parts[0].length() == 1)) {
                    throw error(where, "'" + alts[i] + "': @ takes one SID field");
                }
                alternatives[i] = parts;
            }
            return new FieldRule(column, alternatives, null, conversion);
        }

        private Family family(String where, String label) {
            for (Family f : Family.values()) {
                if (f.label().equals(label) && f != Family.RAW) {
                    return f;
                }
            }
            throw error(where, "unknown family '" + label + "'; allowed: " + labels(Family.values()) + " (raw is implied)");
        }

        private String key(String where, String source, int id) {
            if (!sources.containsKey(source)) {
                throw error(where, "unknown source '" + source + "'; allowed: " + sources.keySet());
            }
            return source + "|" + id;
        }

        private static int[] ids(String where, String list) {
            String[] parts = list.split(",", -1);
            int[] ids = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    ids[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw error(where, "event id '" + parts[i] + "' is not a number");
                }
                if (ids[i] < 0 || ids[i] > 65535) {
                    throw error(where, "event id " + ids[i] + " is out of 0..65535");
                }
            }
            return ids;
        }

        private static String labels(Object[] values) {
            List<String> out = new ArrayList<>();
            for (Object v : values) {
                out.add(v instanceof Logic l ? l.label : v instanceof Conversion c ? c.label : v instanceof Family f ? f.label() : v.toString());
            }
            return String.join(", ", out);
        }

        private interface RowHandler {
            void row(String where, String[] cells);
        }

        private static void rows(String file, List<String> lines, int width, RowHandler handler) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String where = file + ":" + (i + 1);
                String[] cells = line.split("\t", -1);
                if (cells.length != width) {
                    throw error(where, "expected " + width + " tab-separated cells, found " + cells.length);
                }
                for (int k = 0; k < cells.length; k++) {
                    cells[k] = cells[k].trim();
                    if (cells[k].isEmpty()) {
                        throw error(where, "cell " + (k + 1) + " is empty (write - for none)");
                    }
                }
                handler.row(where, cells);
            }
        }

        private static IllegalArgumentException error(String where, String why) {
            return new IllegalArgumentException("mapping " + where + ": " + why);
        }
    }
}
