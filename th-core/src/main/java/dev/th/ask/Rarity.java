package dev.th.ask;

import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * "seen on 1 of 40 machines" beside the rare files of an answer that lists files: each row's file
 * (the {@link dev.th.query.FileKey} of its child) counted in the store's sightings of the row's own
 * client, out of that client's machines. A file is rare when it was seen on at most a twentieth of
 * them (at least one machine) in a client of ten machines or more (fewer say little). Null when the store keeps no
 * sightings or nothing listed is rare.
 */
public final class Rarity {
    /** At most this many files are looked up for one answer (its first ones). */
    private static final int MAX_FILES = 500;
    private static final int MAX_NAMED = 8;
    /** A client of fewer machines gets no note. */
    static final int MIN_FLEET = 10;

    private Rarity() {
    }

    /** A row's file: its client, key and the name to show. */
    public record Listed(String client, String key, String name) {
    }

    /** The key of a row's child file as {@link dev.th.query.FileKey#sql} computes it, or null. */
    public static String key(String md5, String path, String name, String parentPath) {
        if (md5 != null) {
            return "md5:" + md5.toLowerCase(Locale.ROOT);
        } else if (path != null) {
            return "path:" + path.toLowerCase(Locale.ROOT);
        } else if (name != null) {
            return "name:" + name.toLowerCase(Locale.ROOT);
        }
        return parentPath == null ? null : "path:" + parentPath.toLowerCase(Locale.ROOT);
    }

    /** The note for the files {@code listed}, or null. */
    public static String note(Session session, List<Listed> listed) {
        if (listed.isEmpty() || !session.engine.hasTable(Freshness.SIGHTINGS)) {
            return null;
        }
        Map<String, Listed> byKey = new LinkedHashMap<>();
        Set<String> clients = new LinkedHashSet<>();
        for (Listed l : listed) {
            if (l.key() != null && byKey.size() < MAX_FILES) {
                byKey.putIfAbsent(l.client() + "\u0000" + l.key(), l);
                clients.add(l.client());
            }
        }
        if (byKey.isEmpty()) {
            return null;
        }
        Map<String, Long> fleet = new TreeMap<>();
        for (Object[] r : session.run(Query.from(Session.EVENTS).where(Cond.in("ClientId", new ArrayList<>(clients)))
                .select(Expr.col("ClientId"), "C").select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), "M")
                .groupBy(Expr.col("ClientId"))).rows()) {
            fleet.put((String) r[0], ((Number) r[1]).longValue());
        }
        List<String> keys = new ArrayList<>();
        for (Listed l : byKey.values()) {
            keys.add(l.key());
        }
        Map<String, Map<Long, Set<String>>> rare = new TreeMap<>(); // "N of M" -> names
        for (Object[] r : session.run(Query.from(Freshness.SIGHTINGS)
                .where(Cond.and(List.of(Cond.in("Client", new ArrayList<>(clients)), Cond.in("FileKey", keys))))
                .select(Expr.col("Client"), "C").select(Expr.col("FileKey"), "K")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Machine")), "N")
                .groupBy(Expr.col("Client"), Expr.col("FileKey"))).rows()) {
            Listed l = byKey.get(r[0] + "\u0000" + r[1]);
            long m = fleet.getOrDefault((String) r[0], 0L);
            long n = ((Number) r[2]).longValue();
            if (l != null && m >= MIN_FLEET && n <= Math.max(1, m / 20)) {
                rare.computeIfAbsent(n + " of " + m, x -> new TreeMap<>()).computeIfAbsent(n, x -> new LinkedHashSet<>()).add(l.name());
            }
        }
        if (rare.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Map<Long, Set<String>>> e : rare.entrySet()) {
            Set<String> names = new LinkedHashSet<>();
            e.getValue().values().forEach(names::addAll);
            List<String> shown = new ArrayList<>(names).subList(0, Math.min(MAX_NAMED, names.size()));
            parts.add("seen on " + e.getKey() + " machines: " + String.join(", ", shown)
                    + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : ""));
        }
        return "rare files (within their client): " + String.join("; ", parts);
    }
}
