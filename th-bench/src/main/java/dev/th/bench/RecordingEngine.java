package dev.th.bench;

import dev.th.query.Query;
import dev.th.query.QueryEngine;
import dev.th.query.Sql;
import dev.th.query.SqlDialect;
import dev.th.query.SqlRenderer;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link QueryEngine} that runs every query on another engine and keeps the SQL it renders
 * (text and bound values) when asked to, so a benchmark can show what an API call sent.
 * Rendering for the record happens only while recording, so timed runs pay nothing for it.
 */
final class RecordingEngine implements QueryEngine {
    private final QueryEngine engine;
    private final SqlRenderer renderer;
    private List<Sql> recorded;

    RecordingEngine(QueryEngine engine) {
        this.engine = engine;
        this.renderer = new SqlRenderer(engine.dialect());
    }

    /** Starts keeping the SQL of the queries that follow. */
    synchronized void record() {
        recorded = new ArrayList<>();
    }

    /** The SQL kept since {@link #record()}; stops recording. */
    synchronized List<Sql> stop() {
        List<Sql> out = recorded == null ? List.of() : recorded;
        recorded = null;
        return out;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public SqlDialect dialect() {
        return engine.dialect();
    }

    @Override
    public Table execute(Query query) {
        synchronized (this) {
            if (recorded != null) {
                recorded.add(renderer.render(query));
            }
        }
        return engine.execute(query);
    }

    @Override
    public boolean hasTable(String table) {
        return engine.hasTable(table);
    }

    @Override
    public void close() {
        engine.close();
    }
}
