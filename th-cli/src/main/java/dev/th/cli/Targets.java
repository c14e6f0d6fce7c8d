package dev.th.cli;

import dev.th.Client;
import dev.th.Hits;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the object a question command is about: a client, a machine (by name or Muid), a process
 * (by machine, pid and time, or by GUID). Absent objects are {@link AskCommand.NotFound} with a
 * message saying how to see what exists.
 */
final class Targets {
    private Targets() {
    }

    static Client client(TH th, String id) {
        List<String> ids = new ArrayList<>();
        for (Client c : th.clients()) {
            if (c.id().equals(id)) {
                return c;
            }
            ids.add(c.id());
        }
        throw new AskCommand.NotFound("no client '" + id + "' in the store; clients: " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
    }

    static Machine machine(TH th, String clientId, String nameOrMuid, String seeMachines) {
        try {
            return clientId == null ? th.machine(nameOrMuid) : client(th, clientId).machine(nameOrMuid);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("no machine")) {
                throw new AskCommand.NotFound("no machine '" + nameOrMuid + "' in the store"
                        + (clientId == null ? "" : " for client " + clientId) + "; " + seeMachines);
            }
            throw new AskCommand.NotFound(e.getMessage());
        }
    }

    /**
     * The process with {@code pid} on {@code m} that was running at {@code time}: its latest logged
     * creation at or before it (a time given to the second covers that whole second, as tables
     * show times to the second). Without a time the pid must have been created once.
     */
    static Process byPid(Machine m, long pid, Instant time, String timeText) {
        Hits<Process> created = m.processes().pid(pid).period(TimePeriod.all()).fetch();
        if (created.isEmpty()) {
            throw new AskCommand.NotFound("no creation of pid " + pid + " is logged on machine " + m.name());
        }
        if (time == null) {
            if (distinctTimes(created) == 1) {
                return preferGuid(created.list(), created.get(0).time());
            }
            throw new AskCommand.NotFound("pid " + pid + " was created " + distinctTimes(created) + " times on " + m.name()
                    + " (" + times(created) + "); give --time");
        }
        Instant until = time.equals(time.truncatedTo(ChronoUnit.SECONDS)) ? time.plusSeconds(1) : time.plusNanos(1);
        Process best = null;
        for (Process p : created) {
            if (p.time() != null && p.time().isBefore(until) && (best == null || !p.time().isBefore(best.time()))) {
                best = p;
            }
        }
        if (best == null) {
            throw new AskCommand.NotFound("pid " + pid + " on " + m.name() + " was not created at or before " + timeText
                    + "; its creations: " + times(created));
        }
        return preferGuid(created.list(), best.time());
    }

    /** The process with this GUID: on machine {@code m} when given, else in one client or in any. */
    static Process byGuid(TH th, String clientId, Machine m, String guid) {
        if (m != null) {
            Hits<Process> h = m.processes().guid(guid).period(TimePeriod.all()).fetch();
            if (!h.isEmpty()) {
                return h.get(0);
            }
            throw new AskCommand.NotFound("no creation of a process with GUID " + guid + " is logged on " + m.name());
        }
        for (Client c : clientId == null ? th.clients() : List.of(client(th, clientId))) {
            Hits<Process> h = c.processes().guid(guid).period(TimePeriod.all()).fetch();
            if (!h.isEmpty()) {
                return h.get(0);
            }
        }
        throw new AskCommand.NotFound("no creation of a process with GUID " + guid + " is logged"
                + (clientId != null ? " in client " + clientId : ""));
    }

    /** Of the creations logged at {@code t} (Sysmon and Security may log the same one), the one with a GUID. */
    private static Process preferGuid(List<Process> created, Instant t) {
        Process any = null;
        for (Process p : created) {
            if (t.equals(p.time())) {
                if (p.guid() != null) {
                    return p;
                }
                any = any == null ? p : any;
            }
        }
        return any;
    }

    private static long distinctTimes(Hits<Process> h) {
        return h.list().stream().map(Process::time).distinct().count();
    }

    private static String times(Hits<Process> h) {
        List<String> out = new ArrayList<>();
        for (Process p : h) {
            String t = p.time() + " " + p.name();
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return String.join(", ", out.size() > 10 ? out.subList(0, 10) : out) + (out.size() > 10 ? ", ..." : "");
    }
}
