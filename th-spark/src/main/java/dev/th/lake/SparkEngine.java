package dev.th.lake;

import dev.th.query.Query;
import dev.th.query.QueryEngine;
import dev.th.query.QueryException;
import dev.th.query.Sql;
import dev.th.query.SqlDialect;
import dev.th.query.SqlRenderer;
import dev.th.query.Table;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the query model on a lake with Spark SQL: each table of the lake's latest version is a
 * view over its Parquet files, read with the store's column types so that ClientId and Date are
 * partition columns the planner prunes on. Values are bound as parameters, as on DuckDB.
 */
public final class SparkEngine implements QueryEngine {
    private static final SqlDialect DIALECT = new SparkDialect();
    private final SqlRenderer renderer = new SqlRenderer(DIALECT);
    private final SparkSession spark;
    private final Path lake;
    private final Map<String, Lake.Table> tables;

    /** Opens the latest version of {@code lake} on this JVM's Spark session. */
    public SparkEngine(Path lake) {
        this.lake = lake;
        this.tables = Lake.latest(lake);
        if (tables.isEmpty()) {
            throw new QueryException("no lake at " + lake.toAbsolutePath() + " (run th lake export first)", null);
        }
        this.spark = Sessions.fresh();
        for (Lake.Table t : tables.values()) {
            read(spark, lake, t).createOrReplaceTempView(t.name());
        }
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SqlDialect dialect() {
        return DIALECT;
    }

    /** The session holding the lake's views (for Spark jobs over them, such as {@link LakeHunt}). */
    SparkSession session() {
        return spark;
    }

    /** The Spark plan of a query (for showing partition pruning). */
    public String plan(Query query) {
        return dataset(query).queryExecution().executedPlan().toString();
    }

    @Override
    public synchronized Table execute(Query query) {
        Dataset<Row> df = dataset(query);
        try {
            List<String> names = List.of(df.columns());
            List<Object[]> rows = new ArrayList<>();
            for (Row r : df.collectAsList()) {
                Object[] row = new Object[names.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(r.get(i));
                }
                rows.add(row);
            }
            return new Table(names, rows);
        } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown undeclared
            throw new QueryException("query failed on the lake " + lake + ": " + e.getMessage(), e);
        }
    }

    private Dataset<Row> dataset(Query query) {
        Sql sql = renderer.render(OrderByAlias.rewrite(query));
        Map<String, Object> args = new java.util.HashMap<>();
        for (int i = 0; i < sql.params().size(); i++) {
            Object v = sql.params().get(i);
            args.put("p" + i, v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v);
        }
        String text = named(sql.text());
        try {
            return spark.sql(text, args);
        } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown undeclared
            throw new QueryException("query failed on the lake " + lake + ": " + e.getMessage() + "\n  SQL: " + text, e);
        }
    }

    /**
     * The SQL with its {@code ?} parameters named {@code :p0, :p1, ...} in the order of the text.
     * Spark binds positional parameters in another order once a scalar subquery sits in the select
     * list (FreshUnknown's): a row's days and machines got the period's bounds and the machine id.
     */
    static String named(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '\'' || c == '`') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                out.append(":p").append(n++);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    @Override
    public void close() {
        // the session's views go with it; the JVM's Spark context stays for the next engine
    }

    private static Object value(Object v) {
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        } else if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        } else if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        } else if (v instanceof BigDecimal d) {
            return d.scale() == 0 ? (Object) d.longValue() : (Object) d.doubleValue();
        } else if (v instanceof Short s) {
            return s.intValue();
        } else if (v instanceof Byte b) {
            return b.intValue();
        } else if (v instanceof Float f) {
            return f.doubleValue();
        } else if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean
                || v instanceof Instant || v instanceof java.time.LocalDate)) {
            return v.toString();
        }
        return v;
    }

    /** A lake table's rows: its folders' Parquet files read with the store's types, ClientId and Date as partitions. */
    static Dataset<Row> read(SparkSession spark, Path lake, Lake.Table t) {
        Dataset<Row> all = null;
        for (Path d : t.dirs(lake)) {
            String dir = d.toString();
            Dataset<Row> part = spark.read().schema(schema(t)).option("basePath", dir).parquet(dir);
            all = all == null ? part : all.unionByName(part);
        }
        return all;
    }

    /** The Spark schema (DDL) of a lake table from the store's DuckDB types. */
    static String schema(Lake.Table t) {
        StringJoiner s = new StringJoiner(", ");
        for (int i = 0; i < t.columns().size(); i++) {
            s.add("`" + t.columns().get(i) + "` " + sparkType(t.types().get(i)));
        }
        return s.toString();
    }

    static String sparkType(String duck) {
        String d = duck.toUpperCase(java.util.Locale.ROOT);
        if (d.endsWith("[]")) {
            return "ARRAY<" + sparkType(d.substring(0, d.length() - 2)) + ">";
        }
        return switch (d) {
            case "VARCHAR", "JSON", "UUID" -> "STRING";
            case "INTEGER" -> "INT";
            case "BIGINT" -> "BIGINT";
            case "SMALLINT" -> "SMALLINT";
            case "TINYINT" -> "TINYINT";
            case "BOOLEAN" -> "BOOLEAN";
            case "DOUBLE" -> "DOUBLE";
            case "FLOAT", "REAL" -> "FLOAT";
            case "DATE" -> "DATE";
            case "TIMESTAMP" -> "TIMESTAMP_NTZ";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP";
            case "BLOB" -> "BINARY";
            default -> d.startsWith("DECIMAL") ? d.replace(";", ",") : "STRING";
        };
    }
}
