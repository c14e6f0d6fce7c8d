package dev.th.ask;

import dev.th.TimePeriod;
import dev.th.geo.GeoIp;
import dev.th.query.Query;
import dev.th.query.QueryEngine;
import dev.th.query.Table;
import java.time.Clock;
import java.util.Objects;

/** What every object of one open {@link TH} shares: the engine, the clock and the default period. */
public final class Session {
    public static final String EVENTS = "events";
    public static final String IOAS = "ioas";
    /** Detections of every source: the events of family detection and the IoC matches (a view). */
    public static final String DETECTIONS = "detections";

    public final QueryEngine engine;
    public final Clock clock;
    private volatile TimePeriod defaultPeriod = TimePeriod.today();
    private volatile GeoIp geo = GeoIp.none();

    public Session(QueryEngine engine, Clock clock) {
        this.engine = Objects.requireNonNull(engine);
        this.clock = Objects.requireNonNull(clock);
    }

    public TimePeriod defaultPeriod() {
        return defaultPeriod;
    }

    public void defaultPeriod(TimePeriod p) {
        defaultPeriod = Objects.requireNonNull(p, "period");
    }

    /** Where public addresses are (the data directory's GeoIP database; none unless set). */
    public GeoIp geo() {
        return geo;
    }

    public void geo(GeoIp g) {
        geo = Objects.requireNonNull(g, "geo");
    }

    public Table run(Query q) {
        return engine.execute(q);
    }

    /** {@code q}'s rows read as they are consumed ({@link QueryEngine#open}); close the cursor. */
    public dev.th.query.RowCursor open(Query q) {
        return engine.open(q);
    }
}
