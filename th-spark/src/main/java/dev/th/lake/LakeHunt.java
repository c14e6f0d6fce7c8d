package dev.th.lake;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.GapIoas;
import dev.th.hunt.ioa.Hunter;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.store.StoredEventScan;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A retro-hunt of the lake as a Spark job: the events table is read by Spark, and each task runs
 * the embedded hunt's own code ({@link Hunter}, the compiled Sigma rules, {@link IoaFactory}) over
 * its partition's events; the rules travel to the executors as their texts. The IoAs come back to
 * the driver (a hunt's IoAs are few beside its events), lose the twins the embedded store drops
 * (the same rule on both records of one process, Sysmon's and Security's), and are stored in the
 * lake's state store ({@link LakeState}: new ids only, so a second hunt stores nothing twice and
 * keeps a hunter's status), which writes them into the lake as its {@code ioas} table.
 * <p>
 * With correlation rules the events are partitioned by client and sorted by time, SourceHash and
 * RecordId within it (one time-ordered stream per client, as the embedded hunt reads them);
 * without, each task hunts the partition it reads. Not done here, unlike {@code th hunt --db
 * STORE}: the record-id gap IoAs and IoC matching (the CLI says so).
 */
public final class LakeHunt {
    /**
     * What a lake hunt did.
     *
     * @param events events tested
     * @param hits rule hits kept (one IoA each, stored before or not)
     * @param newIoas IoAs stored by this hunt
     * @param twins IoAs dropped as the twin of the same rule's IoA on the process's other record
     * @param hitsByRule kept hits per rule title
     * @param ioaIds the ids of the kept IoAs
     * @param tasks Spark partitions (tasks) the hunt ran as
     */
    public record Result(long events, long hits, int newIoas, int twins, Map<String, Long> hitsByRule, Set<String> ioaIds,
                         int tasks) {
    }

    private static final StructType ROW = new StructType()
            .add("alertDateTime", DataTypes.TimestampType).add("clientId", DataTypes.StringType)
            .add("critical", DataTypes.BooleanType).add("details", DataTypes.StringType)
            .add("excluded", DataTypes.BooleanType).add("huntingRule", DataTypes.StringType)
            .add("id", DataTypes.StringType).add("lastHourEvidenceCount", DataTypes.IntegerType)
            .add("mitre", DataTypes.StringType).add("muid", DataTypes.StringType)
            .add("severity", DataTypes.StringType).add("status", DataTypes.StringType)
            .add("timeStamp", DataTypes.TimestampType).add("weight", DataTypes.IntegerType)
            .add("ruleId", DataTypes.StringType).add("ruleTitle", DataTypes.StringType)
            .add("ruleAuthor", DataTypes.StringType).add("eventRef", DataTypes.StringType)
            .add("machineName", DataTypes.StringType).add("sourceHash", DataTypes.StringType)
            .add("recordId", DataTypes.LongType)
            // the matched event's twin reference (Duplicate, AlsoLogged); a partition's event count
            .add("duplicate", DataTypes.BooleanType).add("alsoLogged", DataTypes.StringType)
            .add("events", DataTypes.LongType);

    private LakeHunt() {
    }

    /**
     * Hunts the events of the lake's latest version in {@code [from, to)} (null: unbounded) with
     * {@code rules}, on this JVM's Spark session.
     */
    public static Result run(Path lake, List<RuleSet.Text> rules, Instant from, Instant to, Instant now) {
        boolean correlations = RuleSet.parse(rules).hasCorrelations();
        try (SparkEngine engine = new SparkEngine(lake)) {
            if (!engine.hasTable("events")) {
                throw new IllegalArgumentException("the lake " + lake + " has no events table (export a store into it first)");
            }
            StringBuilder sql = new StringBuilder("SELECT ClientId, SourcePath, SourceHash, SourceOffset, RecordId, DateTime, "
                    + "Provider, Channel, EventId, MachineName, Fields, Duplicate, AlsoLogged FROM events WHERE true");
            List<Object> args = new ArrayList<>();
            if (from != null) {
                sql.append(" AND DateTime >= ?");
                args.add(LocalDateTime.ofInstant(from, ZoneOffset.UTC));
            }
            if (to != null) {
                sql.append(" AND DateTime < ?");
                args.add(LocalDateTime.ofInstant(to, ZoneOffset.UTC));
            }
            Dataset<Row> events = engine.session().sql(sql.toString(), args.toArray());
            if (correlations) {
                events = events.repartition(functions.col("ClientId"))
                        .sortWithinPartitions("ClientId", "DateTime", "SourceHash", "RecordId");
            }
            int tasks = events.rdd().getNumPartitions();
            List<Row> rows = events.mapPartitions(new Task(rules, now), Encoders.row(ROW)).collectAsList();
            return store(lake, rows, tasks);
        }
    }

    /** Drops the twins, stores the IoAs in the state and publishes them into the lake. */
    private static Result store(Path lake, List<Row> rows, int tasks) {
        long events = 0;
        List<Row> hits = new ArrayList<>();
        for (Row r : rows) {
            if (r.isNullAt(6)) {
                events += r.getLong(23);
            } else {
                hits.add(r);
            }
        }
        try (LakeState state = LakeState.open(lake)) {
            Set<String> refs = new HashSet<>();
            for (Ioa a : state.ioas().list(dev.th.store.IoaTable.IoaQuery.all())) {
                refs.add(a.ruleId() + '\0' + a.muid() + '\0' + a.eventRef());
            }
            for (Row r : hits) {
                refs.add(r.getString(14) + '\0' + r.getString(9) + '\0' + r.getString(17));
            }
            List<Ioa> kept = new ArrayList<>();
            int twins = 0;
            Map<String, Long> byRule = new TreeMap<>();
            Set<String> ids = new LinkedHashSet<>();
            for (Row r : hits) {
                boolean twin = !r.isNullAt(21) && r.getBoolean(21) && !r.isNullAt(22) && !GapIoas.RULE_ID.equals(r.getString(14))
                        && refs.contains(r.getString(14) + '\0' + r.getString(9) + '\0' + r.getString(22));
                if (twin) {
                    twins++;
                    continue;
                }
                Ioa a = ioa(r);
                kept.add(a);
                ids.add(a.id());
                byRule.merge(a.huntingRule(), 1L, Long::sum);
            }
            int added = state.ioas().insert(kept);
            state.publish(lake);
            return new Result(events, kept.size(), added, twins, byRule, ids, tasks);
        } catch (SQLException e) {
            throw new IllegalStateException("storing the lake hunt's IoAs in " + lake.resolve(LakeState.DIR) + " failed: " + e.getMessage(), e);
        }
    }

    private static Ioa ioa(Row r) {
        return new Ioa(r.<Instant>getAs(0), r.getString(1), r.getBoolean(2), r.getString(3), r.getBoolean(4), r.getString(5),
                r.getString(6), r.getInt(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.<Instant>getAs(12),
                r.getInt(13), r.getString(14), r.getString(15), r.getString(16), r.getString(17), r.getString(18), r.getString(19),
                r.getLong(20));
    }

    /** Rule sets parsed in this JVM, by their texts (an executor parses them once, not once per task). */
    private static final Map<List<RuleSet.Text>, RuleSet> PARSED = new ConcurrentHashMap<>();

    /** The rules of {@code texts}, parsed once per JVM. */
    static RuleSet parsed(List<RuleSet.Text> texts) {
        return PARSED.computeIfAbsent(texts, RuleSet::parse);
    }

    /** One Spark task: the embedded hunt over the events of one partition. */
    static final class Task implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final List<RuleSet.Text> rules;
        private final Instant now;

        Task(List<RuleSet.Text> rules, Instant now) {
            this.rules = List.copyOf(rules);
            this.now = now;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            RuleSet set = parsed(rules);
            List<Ioa> found = new ArrayList<>();
            Hunter hunter = new Hunter(set::compile, IoaFactory.standard(), now, found::addAll);
            Map<String, String> twinOf = new HashMap<>(); // SourceHash#RecordId of a Duplicate record -> AlsoLogged
            long n = 0;
            while (input.hasNext()) {
                Row r = input.next();
                SourceRef src = new SourceRef(r.getString(1), r.getString(2), r.isNullAt(3) ? 0 : r.getLong(3));
                LocalDateTime t = r.getAs(5);
                RawEvent e = new RawEvent(src, r.getLong(4), t.toInstant(ZoneOffset.UTC), r.getString(6), r.getString(7),
                        r.getInt(8), r.getString(9), StoredEventScan.fields(r.getString(10), src));
                if (!r.isNullAt(11) && r.getBoolean(11)) {
                    twinOf.put(src.contentHash() + '#' + e.recordId(), r.getString(12));
                }
                hunter.event(r.getString(0), e);
                n++;
            }
            hunter.finish();
            List<Row> out = new ArrayList<>(found.size() + 1);
            for (Ioa a : found) {
                String also = twinOf.get(a.sourceHash() + '#' + a.recordId());
                out.add(RowFactory.create(a.alertDateTime(), a.clientId(), a.critical(), a.details(), a.excluded(), a.huntingRule(),
                        a.id(), a.lastHourEvidenceCount(), a.mitre(), a.muid(), a.severity(), a.status(), a.timeStamp(), a.weight(),
                        a.ruleId(), a.ruleTitle(), a.ruleAuthor(), a.eventRef(), a.machineName(), a.sourceHash(), a.recordId(),
                        also != null, also, null));
            }
            Object[] count = new Object[ROW.size()];
            count[23] = n;
            out.add(RowFactory.create(count));
            return out.iterator();
        }
    }
}
