package dev.th;

import dev.th.query.Query;
import dev.th.query.QueryEngine;
import dev.th.query.Table;
import java.time.Clock;
import java.util.Objects;

/** What every object of one open {@link TH} shares: the engine, the clock and the default period. */
final class Session {
    static final String EVENTS = "events";
    static final String IOAS = "ioas";
    /** Detections of every source: the events of family detection and the IoC matches (a view). */
    static final String DETECTIONS = "detections";

    final QueryEngine engine;
    final Clock clock;
    private volatile TimePeriod defaultPeriod = TimePeriod.today();

    Session(QueryEngine engine, Clock clock) {
        this.engine = Objects.requireNonNull(engine);
        this.clock = Objects.requireNonNull(clock);
    }

    TimePeriod defaultPeriod() {
        return defaultPeriod;
    }

    void defaultPeriod(TimePeriod p) {
        defaultPeriod = Objects.requireNonNull(p, "period");
    }

    Table run(Query q) {
        return engine.execute(q);
    }
}
