package dev.th.cli;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFrames;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.StoreException;
import dev.th.store.DuckDbStore;
import dev.th.store.RetroHunt;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The end of {@code th quickstart}: hunts the store with TH's rule pack and sums the IoAs up by rule. */
final class QuickHunt {
    private QuickHunt() {
    }

    /** Hunts everything stored with the pack, prints the summary; returns the IoAs found. */
    static List<Ioa> run(DuckDbStore store, PrintWriter out) {
        try {
            RuleSet set = RuleSet.load(List.of(RulePack.materialize()));
            store.joinProcesses(); // one process, one row (and one IoA) before hunting
            RetroHunt hunt = new RetroHunt(store.connection());
            RetroHunt.Result r = hunt.run(set::compile, null, null, null, Instant.now());
            List<Ioa> ioas = hunt.ioas().byIds(r.ioaIds());
            out.printf("Hunting with TH's rule pack (%d rules) over %d events: %d IoAs (%d new)%n", set.loaded().size(),
                    r.events(), r.hits(), r.newIoas());
            Output.print(IoaFrames.summary(ioas), Output.Format.table, out);
            return ioas;
        } catch (IOException | SQLException e) {
            throw new StoreException("hunting the samples failed: " + e.getMessage(), e);
        }
    }
}
