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
    /** How far apart two sources may log the same creation. */
    private static final long SAME_CREATION_MS = 2000;

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

    /** The machine that used local address {@code ip} in {@code period} (in one client or in any). */
    static Machine byLocalIp(TH th, String clientId, String ip, TimePeriod period) {
        try {
            return clientId == null ? th.machineByLocalIp(ip, period) : client(th, clientId).machineByLocalIp(ip, period);
        } catch (IllegalArgumentException e) {
            throw new AskCommand.NotFound(e.getMessage());
        }
    }

    /**
     * The one process that {@code --name}, {@code --md5} and {@code --user} (and {@code --muid},
     * {@code --time} when given) select over all time; when several match, a
     * {@link AskCommand.NotFound} lists them with how to pick one.
     */
    static Process bySpec(TH th, String clientId, Machine m, String name, String md5, String user, Instant time) {
        dev.th.ProcessesQuery q = m != null ? m.processes() : clientId != null ? client(th, clientId).processes() : th.processes();
        q.period(TimePeriod.all());
        if (name != null) {
            q.filename(name);
        }
        if (md5 != null) {
            q.md5(md5);
        }
        if (user != null) {
            q.loggedUser(user);
        }
        if (time != null) {
            q.time(time);
        }
        List<Process> found = q.fetch().list();
        if (found.size() == 1) {
            return found.get(0);
        }
        String what = (name != null ? " --name " + name : "") + (md5 != null ? " --md5 " + md5 : "")
                + (user != null ? " --user " + user : "") + (time != null ? " --time " + time : "");
        if (found.isEmpty()) {
            throw new AskCommand.NotFound("no process matches" + what);
        }
        List<String> each = new ArrayList<>();
        for (Process p : found.subList(0, Math.min(10, found.size()))) {
            each.add(p.name() + " pid " + p.pid() + " on " + p.get("MachineName") + " at " + p.time());
        }
        throw new AskCommand.NotFound(found.size() + " processes match" + what + ": " + String.join(", ", each)
                + (found.size() > 10 ? ", ..." : "") + "; pick one with --muid M --pid N [--time T]");
    }

    /**
     * The process with {@code pid} on {@code m} that was running at {@code time}: its latest logged
     * creation at or before it (a time given to the second covers that whole second, as tables
     * show times to the second). Without a time the pid must have been created once.
     */
    static Process byPid(Machine m, long pid, Instant time, String timeText) {
        List<Process> created = distinct(m.processes().pid(pid).period(TimePeriod.all()).fetch());
        if (created.isEmpty()) {
            throw new AskCommand.NotFound("no creation of pid " + pid + " is logged on machine " + m.name());
        }
        if (time == null) {
            if (created.size() == 1) {
                return created.get(0);
            }
            throw new AskCommand.NotFound("pid " + pid + " was created " + created.size() + " times on " + m.name()
                    + " (" + times(created) + "); give --time");
        }
        Instant until = time.equals(time.truncatedTo(ChronoUnit.SECONDS)) ? time.plusSeconds(1) : time.plusNanos(1);
        Process best = null;
        for (Process p : created) {
            if (p.time() != null && p.time().isBefore(until)) {
                best = p;
            }
        }
        if (best == null) {
            throw new AskCommand.NotFound("pid " + pid + " on " + m.name() + " was not created at or before " + timeText
                    + "; its creations: " + times(created));
        }
        return best;
    }

    /**
     * The creations in time order, one per process: Sysmon (with a GUID) and Security 4688
     * (without) log the same creation a few milliseconds apart; the one with the GUID stays.
     */
    static List<Process> distinct(Hits<Process> created) {
        List<Process> out = new ArrayList<>();
        for (Process p : created) {
            Process twin = null;
            for (Process q : out) {
                if ((q.guid() == null) != (p.guid() == null) && q.time() != null && p.time() != null
                        && Math.abs(q.time().toEpochMilli() - p.time().toEpochMilli()) <= SAME_CREATION_MS
                        && String.valueOf(q.name()).equalsIgnoreCase(String.valueOf(p.name()))) {
                    twin = q;
                }
            }
            if (twin == null) {
                out.add(p);
            } else if (twin.guid() == null) {
                out.set(out.indexOf(twin), p);
            }
        }
        out.sort(java.util.Comparator.comparing(Process::time, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return out;
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

    private static String times(List<Process> h) {
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
