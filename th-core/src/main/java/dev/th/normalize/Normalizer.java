package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.model.Family;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a raw event into a row of the canonical table (DESIGN.md "Canonical model" and "Where
 * each event goes"). Pure and thread-safe: one instance serves every thread and every file.
 *
 * <p>Every row gets identity, time (truncated to microseconds), source and all original fields (as JSON in
 * {@link Column#Fields}). Events of a mapped (source, event id) also get their family,
 * operation and columns from the mapping tables in {@code dev/th/normalize/*.tsv}; any other
 * event is kept as {@link Family#RAW}. Kind and ParentKind come from the binaries' names
 * ({@link KindTable}; the child's OriginalFileName too, so a renamed binary keeps its kind).
 * External and LanShared are set where the one event tells ({@link Provenance}, with AttrEvidence);
 * RemoteSession and FreshUnknown stay null (the store decides them).
 */
public final class Normalizer {
    /**
     * The version of the mapping (tables and logic). The store keeps, per input, the version its
     * rows were made with; {@code th store renormalize} brings older inputs to this one. Raise it
     * with every change of what a row holds.
     */
    public static final int VERSION = 6;

    private static final String RAW = Family.RAW.label();
    private static final int MUID_CACHE_LIMIT = 100_000;

    private final MappingTable table;
    private final KindTable kinds;
    private final Map<MuidKey, String> muids = new ConcurrentHashMap<>();
    private volatile MuidEntry lastMuid;

    /** A normalizer over the shipped mapping tables. */
    public Normalizer() {
        this(true);
    }

    /** A normalizer that sets Kind, ParentKind, External and LanShared only when {@code kinds} (false: th-bench's baseline). */
    public Normalizer(boolean kinds) {
        this.table = MappingTable.standard();
        this.kinds = kinds ? KindTable.standard() : null;
    }

    /**
     * The writers whose file writes are External (browsers, mail clients, download tools,
     * messengers: {@code kinds/writers.tsv}), lower case: for a store that looks for the rows
     * the attributes of one event can touch without making every row again.
     */
    public static java.util.Set<String> externalWriters() {
        return Provenance.writerNames();
    }

    /** The canonical row for {@code event} of client {@code clientId}. */
    public CanonicalEvent normalize(RawEvent event, String clientId) {
        CanonicalEvent row = new CanonicalEvent();
        String machine = event.computer();
        Instant time = micros(event.time());
        row.set(Column.ClientId, clientId)
                .set(Column.Muid, cachedMuid(clientId, machine))
                .set(Column.MachineName, machine)
                .set(Column.DateTime, time)
                .set(Column.Date, time == null ? null : LocalDate.ofEpochDay(Math.floorDiv(time.getEpochSecond(), 86_400L)))
                .set(Column.Channel, event.channel())
                .set(Column.Provider, event.provider())
                .set(Column.EventId, event.eventId())
                .set(Column.RecordId, event.recordId())
                .set(Column.Recovered, event.recovered())
                .set(Column.TemplateLost, event.templateLost())
                .set(Column.Fields, FieldsJson.write(event.fields()));
        if (event.source() != null) {
            row.set(Column.SourceHash, event.source().contentHash())
                    .set(Column.SourcePath, event.source().path())
                    .set(Column.SourceOffset, event.source().offset());
        }
        EventRule rule = table.find(event.channel(), event.provider(), event.eventId());
        if (rule == null) {
            row.set(Column.Family, RAW);
        } else {
            rule.apply(event, row);
            if (kinds != null) {
                setKinds(event, row);
                Provenance.apply(event, row);
            }
        }
        return row;
    }

    private void setKinds(RawEvent event, CanonicalEvent row) {
        Object child = row.get(Column.ChildFilename);
        if (child == null) {
            child = row.get(Column.ChildPath);
        }
        if (child != null) {
            row.set(Column.Kind, kinds.kinds((String) child, event.fields().get("OriginalFileName")));
        }
        Object parent = row.get(Column.ParentFilename);
        if (parent == null) {
            parent = row.get(Column.ParentPath);
        }
        if (parent != null) {
            row.set(Column.ParentKind, kinds.kinds((String) parent, null));
        }
    }

    /**
     * DateTime at microsecond precision: the store's TIMESTAMP precision and evtx_dump's, so
     * the same record read from EVTX (100 ns FILETIME) and from JSON gives the same row.
     */
    private static Instant micros(Instant t) {
        if (t == null || t.getNano() % 1000 == 0) {
            return t;
        }
        return Instant.ofEpochSecond(t.getEpochSecond(), t.getNano() / 1000 * 1000L);
    }

    /**
     * The machine id of DESIGN.md: MD5 of {@code clientId + "/" + machineKey(name)}, 32 hex
     * digits, so that {@code WIN-DC01.corp.local} and {@code WIN-DC01} of one client are one machine.
     */
    public static String muid(String clientId, String machineName) {
        String name = machineKey(machineName);
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((clientId + "/" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /**
     * The part of a machine name that identifies the machine within a client: its NetBIOS name,
     * i.e. the name in lower case up to its first dot ({@code WIN-DC01.corp.local} and
     * {@code win-dc01} give {@code win-dc01}). An IP address (IPv4 digits and dots, or any name
     * with a colon) is kept whole. Two machines of one client with the same first label in
     * different domains become one machine: a client's NetBIOS names are unique on its network.
     */
    public static String machineKey(String machineName) {
        if (machineName == null) {
            return "";
        }
        String name = machineName.trim().toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot <= 0 || name.indexOf(':') >= 0 || isDigitsAndDots(name)) {
            return name;
        }
        return name.substring(0, dot);
    }

    private static boolean isDigitsAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@link #muid} without hashing again for a machine already seen (files are mostly one machine). */
    private String cachedMuid(String clientId, String machine) {
        MuidEntry last = lastMuid;
        if (last != null && last.machine.equals(machine) && last.clientId.equals(clientId)) {
            return last.muid;
        }
        MuidKey key = new MuidKey(clientId, machine == null ? "" : machine);
        String muid = muids.get(key);
        if (muid == null) {
            muid = muid(clientId, machine);
            if (muids.size() < MUID_CACHE_LIMIT) {
                muids.put(key, muid);
            }
        }
        lastMuid = new MuidEntry(clientId, key.machine(), muid);
        return muid;
    }

    private record MuidKey(String clientId, String machine) {
    }

    private record MuidEntry(String clientId, String machine, String muid) {
    }
}
