package dev.th.hunt.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The resource tables {@code logsources.tsv} (Sigma category/service to the channels and event
 * ids that feed it) and {@code fieldmap.tsv} (Sigma field names an event type spells otherwise).
 * Channels compare case-insensitively.
 */
public final class LogSourceTable {
    /**
     * One feed of a log source.
     *
     * @param channel lower case
     * @param eventIds the event ids, or null for every event of the channel
     * @param requireField a field the event must carry with one of {@code requireValues}, or null
     */
    public record Feed(String channel, Set<Integer> eventIds, String requireField, Set<String> requireValues) {
    }

    private static final LogSourceTable DEFAULT = load();

    private final Map<String, List<Feed>> categories = new LinkedHashMap<>();
    private final Map<String, List<Feed>> services = new LinkedHashMap<>();
    private final Map<String, String> unsupported = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> aliases = new HashMap<>();

    private LogSourceTable() {
    }

    /** The tables shipped in the resources. */
    public static LogSourceTable standard() {
        return DEFAULT;
    }

    public Map<String, List<Feed>> categories() {
        return categories;
    }

    public Map<String, List<Feed>> services() {
        return services;
    }

    /** Categories TH knows but cannot feed, with the reason. */
    public Map<String, String> unsupported() {
        return unsupported;
    }

    /** Sigma name to event field for an event type, or null when it spells every name as Sigma does. */
    public Map<String, String> aliases(String channel, int eventId) {
        return aliases.get(key(channel, eventId));
    }

    /** Every (channel|eventId) with aliases, to validate the table. */
    public Map<String, Map<String, String>> allAliases() {
        return aliases;
    }

    /**
     * The feeds of a rule's log source; null when it takes every Windows event (product only).
     *
     * @throws IllegalArgumentException with the reason when no Windows event log feeds it
     */
    public List<Feed> feeds(String category, String product, String service) {
        if (product != null && !product.equalsIgnoreCase("windows")) {
            throw new IllegalArgumentException("log source product '" + product + "' is not Windows; TH reads Windows event logs");
        }
        List<Feed> cat = null;
        if (category != null) {
            String c = category.toLowerCase(Locale.ROOT);
            if (unsupported.containsKey(c)) {
                throw new IllegalArgumentException("log source category '" + category + "' " + unsupported.get(c));
            }
            cat = categories.get(c);
            if (cat == null) {
                throw new IllegalArgumentException("log source category '" + category + "' is not a Windows event log source TH knows"
                        + (product == null ? " (and the rule names no product)" : ""));
            }
        }
        List<Feed> svc = null;
        if (service != null) {
            svc = services.get(service.toLowerCase(Locale.ROOT));
            if (svc == null) {
                throw new IllegalArgumentException("log source service '" + service + "' is not a Windows event log channel TH knows");
            }
        }
        if (cat == null && svc == null) {
            if (product == null) {
                throw new IllegalArgumentException("the log source names no product, category or service");
            }
            return null;
        }
        if (cat == null) {
            return svc;
        }
        if (svc == null) {
            return cat;
        }
        List<Feed> both = new ArrayList<>();
        for (Feed f : cat) {
            if (svc.stream().anyMatch(s -> s.channel().equals(f.channel()))) {
                both.add(f);
            }
        }
        return both.isEmpty() ? cat : both;
    }

    static String key(String channel, int eventId) {
        return channel.toLowerCase(Locale.ROOT) + "|" + eventId;
    }

    private static LogSourceTable load() {
        LogSourceTable t = new LogSourceTable();
        for (String[] row : rows("logsources.tsv", 5)) {
            String kind = row[0];
            String name = row[1];
            if (kind.equals("unsupported")) {
                t.unsupported.put(name, row[4]);
                continue;
            }
            Set<Integer> ids = null;
            if (!row[3].equals("*")) {
                ids = new LinkedHashSet<>();
                for (String id : row[3].split(",")) {
                    ids.add(Integer.parseInt(id.trim()));
                }
            }
            String reqField = null;
            Set<String> reqValues = null;
            if (!row[4].isEmpty()) {
                int eq = row[4].indexOf('=');
                reqField = row[4].substring(0, eq);
                reqValues = new LinkedHashSet<>();
                for (String v : row[4].substring(eq + 1).split("\\|")) {
                    reqValues.add(v.toLowerCase(Locale.ROOT));
                }
            }
            Feed f = new Feed(row[2].toLowerCase(Locale.ROOT), ids, reqField, reqValues);
            Map<String, List<Feed>> target = switch (kind) {
                case "category" -> t.categories;
                case "service" -> t.services;
                default -> throw new IllegalStateException("logsources.tsv: unknown kind '" + kind + "'");
            };
            target.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
        }
        for (String[] row : rows("fieldmap.tsv", 4)) {
            t.aliases.computeIfAbsent(key(row[0], Integer.parseInt(row[1])), k -> new HashMap<>()).put(row[2], row[3]);
        }
        return t;
    }

    private static List<String[]> rows(String resource, int columns) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = LogSourceTable.class.getResourceAsStream("/dev/th/hunt/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/th/hunt/" + resource + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length < columns - 1 || cells.length > columns) {
                    throw new IllegalStateException(resource + " line " + n + ": expected " + columns + " columns, got " + cells.length);
                }
                if (cells.length < columns) {
                    cells = java.util.Arrays.copyOf(cells, columns);
                    cells[columns - 1] = "";
                }
                out.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
