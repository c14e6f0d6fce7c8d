package dev.th.hunt.ioa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills {@code lastHourEvidenceCount} for IoAs held in memory (file-mode hunting): for each
 * IoA, the number of other IoAs of the same rule on the same machine whose alertDateTime lies
 * in {@code [t - 1 hour, t]}, t being its own alertDateTime (IoAs at the same instant count
 * each other). The store computes the same definition in SQL.
 */
public final class EvidenceCounter {
    /** The look-back window. */
    public static final Duration WINDOW = Duration.ofHours(1);

    private EvidenceCounter() {
    }

    /** The IoAs, in the given order, with their evidence counts set. */
    public static List<Ioa> count(List<Ioa> ioas) {
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < ioas.size(); i++) {
            Ioa a = ioas.get(i);
            groups.computeIfAbsent(a.ruleId() + '\0' + a.muid(), k -> new ArrayList<>()).add(i);
        }
        Ioa[] out = ioas.toArray(new Ioa[0]);
        for (List<Integer> group : groups.values()) {
            group.sort(Comparator.comparing(i -> ioas.get(i).alertDateTime()));
            int n = group.size();
            int lo = 0;
            int hi = 0;
            for (int k = 0; k < n; k++) {
                Ioa a = ioas.get(group.get(k));
                while (ioas.get(group.get(lo)).alertDateTime().isBefore(a.alertDateTime().minus(WINDOW))) {
                    lo++;
                }
                if (hi < k) {
                    hi = k;
                }
                while (hi + 1 < n && !ioas.get(group.get(hi + 1)).alertDateTime().isAfter(a.alertDateTime())) {
                    hi++;
                }
                out[group.get(k)] = a.withEvidence(hi - lo);
            }
        }
        return List.of(out);
    }
}
