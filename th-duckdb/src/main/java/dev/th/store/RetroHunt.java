package dev.th.store;

import dev.th.event.RawEvent;
import dev.th.hunt.Matcher;
import dev.th.hunt.ioa.Hunter;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.hunt.ioa.ReadAhead;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.duckdb.DuckDBConnection;

/**
 * Hunts what is stored: reads events back from the {@code events} table (all of them, a
 * period, or one input right after it was ingested), runs the rules, stores the IoAs (new ones
 * only), with the holes in the record ids of the machines' channels ({@link RecordGaps}), and
 * matches the loaded IoC lists. Used by {@code th hunt --db} and after each input of
 * {@code th ingest}.
 */
public final class RetroHunt {
    private final Connection db;
    private final IoaTable ioas;
    private final IocStore iocs;

    /** Works on {@code db} (not closed here); creates the ioas and IoC tables when missing. */
    public RetroHunt(Connection db) throws SQLException {
        this.db = db;
        this.ioas = new IoaTable(db);
        this.iocs = new IocStore(db);
    }

    /** The store's IoA table. */
    public IoaTable ioas() {
        return ioas;
    }

    /** The store's IoC tables. */
    public IocStore iocs() {
        return iocs;
    }

    /**
     * Runs the rules over stored events and stores the IoAs not stored before.
     *
     * @param compile a fresh matcher per client, or null to skip rule hunting (IoCs only)
     * @param from inclusive lower bound on event time, or null
     * @param to exclusive upper bound, or null
     * @param sourceHashes only the events of these inputs (e.g. the ones just ingested), or null
     *     for all
     */
    public Result run(Supplier<Matcher> compile, Instant from, Instant to, Collection<String> sourceHashes, Instant now)
            throws SQLException {
        long events = 0;
        long hits = 0;
        int[] added = {0};
        Set<String> ids = new LinkedHashSet<>();
        // IoAs left out because the same rule matched the other record of the same process
        Map<String, String> dropped = new java.util.HashMap<>();
        Map<String, Long> byRule = Map.of();
        List<Matcher.CutOff> cutOffs = List.of();
        if (compile != null) {
            SQLException[] failure = {null};
            Hunter hunter = new Hunter(compile, IoaFactory.standard(), now, batch -> {
                batch.forEach(a -> ids.add(a.id()));
                if (failure[0] == null) {
                    try {
                        added[0] += ioas.insert(batch);
                        dropped.putAll(ioas.lastDropped());
                    } catch (SQLException e) {
                        failure[0] = e;
                    }
                }
            });
            // the scan streams on its own connection: a query on the writing connection would end it
            try (Connection reader = db.unwrap(DuckDBConnection.class).duplicate()) {
                events = ReadAhead.<Object[]>run("th-retro-hunt-scan",
                        out -> new StoredEventScan(reader).scan(from, to, sourceHashes, (c, e) -> out.accept(new Object[] {c, e})),
                        pair -> hunter.event((String) pair[0], (RawEvent) pair[1]));
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            hunter.finish();
            if (failure[0] != null) {
                throw failure[0];
            }
            hits = hunter.hits() - dropped.size();
            cutOffs = hunter.cutOffs();
            byRule = new TreeMap<>(hunter.hitsByRule());
            uncount(byRule, dropped);
            ids.removeAll(dropped.keySet());
            // the holes seen after in the period (found over every stored record of their channel)
            List<Ioa> gaps = RecordGaps.ioas(db, sourceHashes, now).stream()
                    .filter(a -> (from == null || !a.alertDateTime().isBefore(from))
                            && (to == null || a.alertDateTime().isBefore(to)))
                    .toList();
            added[0] += ioas.insert(gaps);
            hits += gaps.size();
            for (Ioa a : gaps) {
                ids.add(a.id());
                byRule.merge(a.huntingRule(), 1L, Long::sum);
            }
        }
        int detections = iocs.match(sourceHashes);
        return new Result(events, hits, added[0], byRule, detections, ids, cutOffs);
    }

    /** Takes the IoAs a join dropped (id to huntingRule) out of counts per rule. */
    static void uncount(Map<String, Long> byRule, Map<String, String> dropped) {
        for (String rule : dropped.values()) {
            byRule.computeIfPresent(rule, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    /**
     * What a hunt did.
     *
     * @param events events tested
     * @param hits rule hits (IoAs produced, stored before or not)
     * @param newIoas IoAs stored by this hunt
     * @param hitsByRule hits per rule title
     * @param newDetections IoC detections stored by this hunt
     * @param ioaIds the ids of the IoAs this hunt produced (new or stored before)
     * @param cutOffs the rules that gave no answer on some events (a regular expression past its time bound)
     */
    public record Result(long events, long hits, int newIoas, Map<String, Long> hitsByRule, int newDetections,
                         Set<String> ioaIds, List<Matcher.CutOff> cutOffs) {
    }
}
