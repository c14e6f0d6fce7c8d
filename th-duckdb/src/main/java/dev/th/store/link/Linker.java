package dev.th.store.link;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs the cross-event steps for inputs just stored, each only when the inputs hold events it
 * concerns (by the reports' counts per {@code Channel|EventID}): the ones about an input's own rows
 * per input, the ones over the whole store once per group of inputs. Runs inside the caller's
 * transaction. Returns what a user should be told (the clock offset found), one line each.
 */
public final class Linker {
    private Linker() {
    }

    /**
     * @param db the store's connection, with the input's rows visible to it
     * @param contentHash the input's SourceHash
     * @param path the input's name (an {@code .evtx} file has a binary UTC clock: no offset check)
     * @param byEventId the input's decoded records per {@code Channel|EventID}
     */
    public static List<String> run(Connection db, String contentHash, String path, Map<String, Long> byEventId)
            throws SQLException {
        return run(db, contentHash, path, byEventId, true);
    }

    /** {@link #run(Connection, String, String, Map)}, without External's and LanShared's steps unless {@code attributes}. */
    public static List<String> run(Connection db, String contentHash, String path, Map<String, Long> byEventId,
            boolean attributes) throws SQLException {
        List<String> notes = input(db, contentHash, path, byEventId);
        inputs(db, List.of(contentHash), byEventId, attributes);
        return notes;
    }

    /**
     * The steps that concern one input's own rows (its clock, the objects of its 4660s), run as
     * soon as it is stored; the steps over the whole store follow for a group of inputs at once
     * ({@link #inputs}).
     */
    public static List<String> input(Connection db, String contentHash, String path, Map<String, Long> byEventId)
            throws SQLException {
        List<String> notes = new ArrayList<>();
        if (!path.toLowerCase(java.util.Locale.ROOT).endsWith(".evtx")) {
            ClockOffset.forget(db, contentHash);
            String note = has(byEventId, "sysmon", null) ? ClockOffset.correct(db, contentHash) : ClockOffset.borrow(db, contentHash);
            if (note != null) {
                notes.add(note);
            }
        }
        if (has(byEventId, "security", new int[] {4660})) {
            HandleObjects.name(db, contentHash);
        }
        return notes;
    }

    /**
     * The steps over every stored event (drive letters, account names, DNS names, starters and,
     * with {@code attributes}, External's and LanShared's), once for inputs {@code contentHashes}
     * stored since they last ran (each already through {@link #input}): each step learns from the
     * whole store and fills what is still empty, so running it once after several inputs gives what
     * running it after each would, at the cost of one pass instead of one per input.
     *
     * @param byEventId the inputs' decoded records per {@code Channel|EventID}, summed
     */
    public static void inputs(Connection db, Collection<String> contentHashes, Map<String, Long> byEventId,
            boolean attributes) throws SQLException {
        if (contentHashes.isEmpty()) {
            return;
        }
        Scope.of(db, contentHashes);
        boolean sysmon = has(byEventId, "sysmon", null);
        if (sysmon || has(byEventId, "security", new int[] {4688, 4656, 4663, 4660, 5156, 5157, 5158, 5159})) {
            DriveLetters.learnAndApply(db);
        }
        if (has(byEventId, "security", null) || has(byEventId, "powershell", null)) {
            AccountNames.learnAndApply(db);
        }
        if (has(byEventId, "sysmon", new int[] {3, 22}) || has(byEventId, "security", new int[] {5156, 5157})) {
            DnsNames.fill(db);
        }
        if (has(byEventId, "sysmon", new int[] {1}) || has(byEventId, "security", new int[] {4688})
                || has(byEventId, "taskscheduler", new int[] {129, 200}) || has(byEventId, "system", new int[] {7045})
                || has(byEventId, "security", new int[] {4697}) || has(byEventId, "wmi-activity", new int[] {5861})) {
            Starters.fill(db);
        }
        if (attributes) {
            Provenances.fill(db, contentHashes);
        }
    }

    /**
     * The cross-event steps of External and LanShared over every stored event (inside the caller's
     * transaction): for a store whose rows gained their one-event attributes in place.
     */
    public static void attributes(Connection db) throws SQLException {
        Provenances.fillAll(db);
    }

    /** True when the input holds events of a channel containing {@code channelWord}, of one of {@code ids} (null: any). */
    static boolean has(Map<String, Long> byEventId, String channelWord, int[] ids) {
        for (Map.Entry<String, Long> e : byEventId.entrySet()) {
            String key = e.getKey();
            int bar = key.lastIndexOf('|');
            if (bar < 0 || e.getValue() == 0 || !key.substring(0, bar).toLowerCase(java.util.Locale.ROOT).contains(channelWord)) {
                continue;
            }
            if (ids == null) {
                return true;
            }
            String id = key.substring(bar + 1);
            for (int i : ids) {
                if (id.equals(Integer.toString(i))) {
                    return true;
                }
            }
        }
        return false;
    }
}
