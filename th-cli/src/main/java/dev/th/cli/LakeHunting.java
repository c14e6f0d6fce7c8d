package dev.th.cli;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.Ioa;
import dev.th.lake.LakeHunt;
import dev.th.lake.LakeState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** {@code th hunt --db LAKE}: the retro-hunt as a Spark job over the lake's events (docs/cluster.md). */
final class LakeHunting {
    private LakeHunting() {
    }

    /** Hunts the lake with the rules of {@code rulePaths}; the IoAs found (new or stored before). */
    static List<Ioa> hunt(Path lake, List<Path> rulePaths, boolean iocLists, Instant from, Instant to, Instant now, PrintWriter err)
            throws SQLException {
        if (iocLists) {
            err.println("th hunt: IoC lists are not matched on a lake yet (only on a store: th hunt --db STORE --ioc FILE)");
        }
        long t0 = System.nanoTime();
        LakeHunt.Result r = LakeHunt.run(lake, RuleSet.texts(rulePaths), from, to, now);
        double s = (System.nanoTime() - t0) / 1e9;
        err.printf("Hunted %d lake events in %.1f s as %d Spark tasks: %d IoAs (%d new)%s%n", r.events(), s, r.tasks(), r.hits(),
                r.newIoas(), r.twins() == 0 ? "" : "; " + r.twins() + " left out as the twin of the same rule's IoA on the process's other record");
        err.println("th hunt: on a lake no IoA is made for holes in a channel's record ids (th hunt --db STORE makes them)");
        HuntCommand.byRule(r.hitsByRule(), err);
        try (LakeState state = LakeState.open(lake)) {
            return state.ioas().byIds(r.ioaIds());
        }
    }
}
