package dev.th.views.report;

import dev.th.TimePeriod;
import dev.th.views.Geo;

/**
 * What a report covers: one client, one machine, or the whole store; a period; how many items
 * each list keeps; where addresses are (a geo table, or none).
 *
 * @param client the client's id, or null
 * @param machine a machine's name or Muid, or null
 * @param period the period (all by default)
 * @param top how many rows each list keeps (top processes, rare command lines, rules)
 * @param trees how many execution trees of processes with IoAs
 * @param geo where remote addresses are
 */
public record ReportOptions(String client, String machine, TimePeriod period, int top, int trees, Geo geo) {
    public ReportOptions {
        period = period == null ? TimePeriod.all() : period;
        geo = geo == null ? Geo.none() : geo;
        if (client != null && machine != null) {
            throw new IllegalArgumentException("give a client or a machine, not both");
        }
    }

    /** The whole store, all time, 20 per list, 6 trees, no geo table. */
    public static ReportOptions defaults() {
        return new ReportOptions(null, null, TimePeriod.all(), 20, 6, Geo.none());
    }

    public ReportOptions withClient(String c) {
        return new ReportOptions(c, machine, period, top, trees, geo);
    }

    public ReportOptions withMachine(String m) {
        return new ReportOptions(client, m, period, top, trees, geo);
    }

    public ReportOptions withPeriod(TimePeriod p) {
        return new ReportOptions(client, machine, p, top, trees, geo);
    }

    public ReportOptions withGeo(Geo g) {
        return new ReportOptions(client, machine, period, top, trees, g);
    }
}
