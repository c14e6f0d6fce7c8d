package dev.th;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Local prevalence of something in this store (the offline counterpart of Defender's FileProfile):
 * when it was first and last seen, on how many machines, in how many events, out of how many
 * machines the clients it was seen in hold ({@code fleet}).
 */
public record Prevalence(Instant firstSeen, Instant lastSeen, long machines, long events, long fleet) {

    /** {@code seen on 1 of 200 machines}, or {@code not seen} when no event holds it. */
    public String summary() {
        return machines == 0 ? "not seen" : "seen on " + machines + " of " + fleet + " machine" + (fleet == 1 ? "" : "s");
    }

    /** The figures under the column names of the answers (FirstSeen, LastSeen, Machines, Events, Fleet, Prevalence). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FirstSeen", firstSeen);
        m.put("LastSeen", lastSeen);
        m.put("Machines", machines);
        m.put("Events", events);
        m.put("Fleet", fleet);
        m.put("Prevalence", summary());
        return m;
    }
}
