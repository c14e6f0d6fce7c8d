package dev.th.sim;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import dev.th.ingest.EventStore;
import dev.th.ingest.InputReport;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import dev.th.store.DuckDbStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a store of a simulated fleet from real events: {@code machines} machines of two clients
 * (one domain controller and seven servers per client, the rest workstations), each logging
 * about {@code perDay} events a day, day after day until {@code events} events are stored.
 * A machine day is one input (as a daily upload would be): a window of the largest real log
 * stretched over the machine's working hours (all day for servers), and now and then one whole
 * attack sample, each event rewritten by {@link FleetReplay} and then normalized by the real
 * {@link Normalizer} and written by the real {@link DuckDbStore} appender, as ingest does.
 * Inputs are stored day by day, machines in turn within a day. Deterministic for a seed.
 *
 * <p>A finished store gets {@value #MARKER} beside its database (what was generated, the first
 * and last day); {@link #ensure} reuses a store whose marker matches.
 */
public final class FleetGenerator {
    /** The marker file written once a store is complete. */
    public static final String MARKER = "fleet.properties";
    private static final String VERSION = "1";
    private static final int SERVERS_PER_CLIENT = 8;
    private static final double EXTRA_CHANCE = 0.05;

    private final FleetTemplates templates;
    private final int machines;
    private final int perDay;
    private final LocalDate lastDay;
    private final Normalizer normalizer = new Normalizer();
    private int batch = 1;
    private long seed;
    private String[] clients = {"acme", "globex"};
    private int chains;
    private AttackChains attacks = AttackChains.none();

    /** The clients the machines are shared among (default acme and globex). */
    public FleetGenerator clients(String... ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("at least one client");
        }
        this.clients = ids.clone();
        return this;
    }

    /** Varies every random choice (default 0: the fleet the benchmarks were measured on). */
    public FleetGenerator seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Weaves {@code n} generated attack chains ({@link AttackChains}) into the days written by
     * {@link #ndjson}, {@link #evtx} and {@link #days} (default 0: none).
     */
    public FleetGenerator attacks(int n) {
        this.chains = Math.max(0, n);
        return this;
    }

    /** The attack chains of the last fleet written, with their ground truth. */
    public AttackChains chains() {
        return attacks;
    }

    private void planAttacks(LocalDate first, int days) {
        attacks = chains == 0 ? AttackChains.none() : AttackChains.plan(chains, seed, this, first, days);
    }

    /** Stores {@code n} machine days per input (default 1: one input per machine day). */
    public FleetGenerator batch(int n) {
        this.batch = Math.max(1, n);
        return this;
    }

    /** What a finished store holds. */
    public record Fleet(Path dir, long events, int machines, LocalDate firstDay, LocalDate lastDay,
            double seconds, boolean reused) {
    }

    public FleetGenerator(FleetTemplates templates, int machines, int perDay, LocalDate lastDay) {
        this.templates = templates;
        this.machines = machines;
        this.perDay = perDay;
        this.lastDay = lastDay;
    }

    /** One line about a store. */
    public static String describe(Fleet f) {
        long bytes = 0;
        try {
            bytes = Files.size(f.dir().resolve(DuckDbStore.FILE_NAME));
        } catch (IOException e) {
            // reported as 0
        }
        return String.format(Locale.ROOT, "%s: %,d events, %d machines, %s..%s, %.0f MB, %s in %.1f s (%,.0f events/s)",
                f.dir(), f.events(), f.machines(), f.firstDay(), f.lastDay(), bytes / 1e6,
                f.reused() ? "reused; made" : "made", f.seconds(), f.events() / Math.max(f.seconds(), 1e-9));
    }

    /** The store in {@code dir} with {@code events} events: reused when its marker matches, else made anew. */
    public Fleet ensure(Path dir, long events, int threads) throws IOException, InterruptedException {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(marker)) {
                p.load(r);
            }
            if (String.valueOf(events).equals(p.getProperty("events")) && VERSION.equals(p.getProperty("version"))
                    && String.valueOf(machines).equals(p.getProperty("machines"))
                    && String.valueOf(perDay).equals(p.getProperty("perDay"))) {
                return new Fleet(dir, events, machines, LocalDate.parse(p.getProperty("firstDay")),
                        LocalDate.parse(p.getProperty("lastDay")), Double.parseDouble(p.getProperty("seconds")), true);
            }
        }
        Files.deleteIfExists(marker);
        Files.deleteIfExists(dir.resolve(DuckDbStore.FILE_NAME));
        Files.deleteIfExists(dir.resolve(DuckDbStore.FILE_NAME + ".wal"));
        return generate(dir, events, threads);
    }

    /**
     * Makes the store in {@code dir} anew with {@code days} whole days of the fleet (ending on the
     * generator's last day), streamed into the store machine day by machine day.
     */
    public Fleet days(Path dir, int days, int threads) throws IOException, InterruptedException {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, not " + days);
        }
        planAttacks(lastDay.minusDays(days - 1L), days);
        return generate(dir, eventsIn(days), days, threads);
    }

    /** How many events {@code days} whole days of the fleet hold. */
    public long eventsIn(int days) {
        long n = 0;
        LocalDate first = lastDay.minusDays(days - 1L);
        for (int d = 0; d < days; d++) {
            for (int m = 0; m < machines; m++) {
                n += eventsOf(first.plusDays(d), m) + attacks.events(m, first.plusDays(d)).size();
            }
        }
        return n;
    }

    /**
     * Writes {@code days} whole days of the fleet as JSON lines, one file per machine day
     * ({@code DIR/<client>/<machine>/<day>.ndjson}), each line one event with its fields as
     * read from the real log it replays (TimeCreated the replayed time), readable by {@code th ingest}.
     *
     * @return the number of events written
     */
    public long ndjson(Path out, int days) throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, not " + days);
        }
        LocalDate first = lastDay.minusDays(days - 1L);
        planAttacks(first, days);
        com.fasterxml.jackson.core.JsonFactory json = new com.fasterxml.jackson.core.JsonFactory();
        long n = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            for (int m = 0; m < machines; m++) {
                String name = machineName(m);
                Path file = out.resolve(clients[clientOf(m)]).resolve(name).resolve(day + ".ndjson");
                Files.createDirectories(file.getParent());
                try (Writer w = Files.newBufferedWriter(file);
                        com.fasterxml.jackson.core.JsonGenerator g = json.createGenerator(w)) {
                    g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                    for (RawEvent e : rawDay(day, first, m, eventsOf(day, m))) {
                        g.writeStartObject();
                        for (Map.Entry<String, String> f : e.fields().entrySet()) {
                            switch (f.getKey()) {
                                case "TimeCreated", "Computer", "Channel", "EventID", "Provider_Name" -> { }
                                default -> g.writeStringField(f.getKey(), f.getValue());
                            }
                        }
                        g.writeStringField("TimeCreated", e.time().toString());
                        g.writeStringField("Computer", e.computer());
                        g.writeStringField("Provider_Name", e.provider());
                        g.writeStringField("Channel", e.channel());
                        g.writeNumberField("EventID", e.eventId());
                        g.writeEndObject();
                        n++;
                    }
                    g.writeRaw('\n');
                }
            }
        }
        return n;
    }

    /** What {@link #evtx} wrote, and the events it could not (too large for an EVTX chunk). */
    public record EvtxFleet(long events, long files, long bytes, long tooLarge, List<String> problems) {
    }

    /**
     * Writes {@code days} whole days of the fleet as EVTX files, one per machine and channel
     * ({@code DIR/<client>/<machine>/<channel>.evtx}, the channel named as Windows names its
     * files: {@code Microsoft-Windows-Sysmon%4Operational.evtx}, {@code Security.evtx}, ...), each
     * holding that channel's events of every day in time order, numbered from 1 as Windows numbers
     * a log, written by TH's {@link dev.th.evtx.EvtxWriter}. An event too large for one chunk is
     * not written: counted, and named in the first problems.
     */
    public EvtxFleet evtx(Path out, int days) throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, not " + days);
        }
        LocalDate first = lastDay.minusDays(days - 1L);
        planAttacks(first, days);
        long n = 0;
        long files = 0;
        long bytes = 0;
        long tooLarge = 0;
        List<String> problems = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            Path dir = out.resolve(clients[clientOf(m)]).resolve(machineName(m));
            Files.createDirectories(dir);
            Map<String, dev.th.evtx.EvtxWriter> writers = new TreeMap<>();
            try {
                for (int d = 0; d < days; d++) {
                    LocalDate day = first.plusDays(d);
                    for (RawEvent e : rawDay(day, first, m, eventsOf(day, m))) {
                        String file = evtxFileName(e.channel());
                        dev.th.evtx.EvtxWriter w = writers.get(file);
                        if (w == null) {
                            w = new dev.th.evtx.EvtxWriter(dir.resolve(file));
                            writers.put(file, w);
                        }
                        try {
                            w.write(e);
                            n++;
                        } catch (IllegalArgumentException tooBig) {
                            tooLarge++;
                            if (problems.size() < 10) {
                                problems.add(dir.resolve(file) + ": " + tooBig.getMessage());
                            }
                        }
                    }
                }
            } finally {
                for (dev.th.evtx.EvtxWriter w : writers.values()) {
                    w.close();
                    bytes += w.bytes();
                    files++;
                }
            }
        }
        return new EvtxFleet(n, files, bytes, tooLarge, List.copyOf(problems));
    }

    /** The file Windows keeps a channel in: {@code /} as {@code %4}, other characters a name cannot hold as {@code _}. */
    static String evtxFileName(String channel) {
        if (channel == null || channel.isEmpty()) {
            return "Unknown.evtx";
        }
        return channel.replace("/", "%4").replaceAll("[\\\\:*?\"<>|\\p{Cntrl}]", "_") + ".evtx";
    }

    private Fleet generate(Path dir, long target, int threads) throws IOException, InterruptedException {
        long perDayFleet = (long) machines * perDay;
        return generate(dir, target, (int) ((target + perDayFleet - 1) / perDayFleet), threads);
    }

    private Fleet generate(Path dir, long target, int days, int threads) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        LocalDate firstDay = lastDay.minusDays(days - 1L);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        ArrayDeque<Future<List<CanonicalEvent>>> ahead = new ArrayDeque<>();
        long planned = 0;
        long stored = 0;
        LocalDate day = firstDay;
        int machine = 0;
        List<List<CanonicalEvent>> pending = new ArrayList<>();
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            // a machine day may give fewer rows than planned (an attack event outside its day, say): stop
            // when nothing is left to plan or wait for, not only when the target is reached
            while (stored < target && !(planned >= target && ahead.isEmpty())) {
                while (planned < target && ahead.size() < 8 * Math.max(1, threads)) {
                    int n = (int) Math.min(target - planned, eventsOf(day, machine));
                    planned += n + attacks.events(machine, day).size();
                    final LocalDate d = day;
                    final int m = machine;
                    ahead.add(pool.submit(() -> machineDay(d, firstDay, m, n)));
                    if (++machine == machines) {
                        machine = 0;
                        day = day.plusDays(1);
                    }
                }
                List<CanonicalEvent> rows = ahead.poll().get();
                pending.add(rows);
                stored += rows.size();
                if (pending.size() == batch || stored >= target) {
                    write(store, pending);
                    pending.clear();
                }
            }
            if (!pending.isEmpty()) {
                write(store, pending);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating the fleet failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        LocalDate last = machine == 0 ? day.minusDays(1) : day;
        double secs = (System.nanoTime() - t0) / 1e9;
        Properties p = new Properties();
        p.setProperty("version", VERSION);
        p.setProperty("events", String.valueOf(target));
        p.setProperty("machines", String.valueOf(machines));
        p.setProperty("perDay", String.valueOf(perDay));
        p.setProperty("firstDay", firstDay.toString());
        p.setProperty("lastDay", last.toString());
        p.setProperty("seconds", String.format(Locale.ROOT, "%.1f", secs));
        try (Writer w = Files.newBufferedWriter(dir.resolve(MARKER))) {
            p.store(w, "TH fleet store made by FleetGenerator from real events");
        }
        return new Fleet(dir, target, machines, firstDay, last, secs, false);
    }

    /** How many events a machine logs a day: perDay on average, 60%..140%. */
    private int eventsOf(LocalDate day, int machine) {
        SplittableRandom r = new SplittableRandom(FleetReplay.mix64(day.toEpochDay() * 100_003L + machine) ^ seed);
        return (int) Math.round(perDay * (0.6 + 0.8 * r.nextDouble()));
    }

    /** The client number (1-based) and the machine number inside the client. */
    private int clientOf(int machine) {
        return machine * clients.length / machines;
    }

    /** The client id of fleet machine {@code machine}. */
    String clientIdOf(int machine) {
        return clients[clientOf(machine)];
    }

    private int numberInClient(int machine) {
        return machine - (int) ((long) clientOf(machine) * machines / clients.length);
    }

    /** The interactive user of a workstation, as {@link FleetReplay} names it. */
    String userOf(int machine) {
        return FleetReplay.userName(clientOf(machine) + 1, numberInClient(machine));
    }

    /** The private address of a machine, in its client's network and site. */
    String addressOf(int machine) {
        int no = numberInClient(machine);
        return "10." + (clientOf(machine) + 1) + "." + (no / 25) + "." + (1 + no % 250);
    }

    /**
     * A workstation and a server of the same client for an attack chain, drawn with {@code r};
     * null when the fleet has no client with both.
     */
    int[] attackPair(SplittableRandom r) {
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < clients.length; c++) {
            int first = (int) ((long) c * machines / clients.length);
            int end = (int) ((long) (c + 1) * machines / clients.length);
            if (end - first > SERVERS_PER_CLIENT) {
                pairs.add(new int[] {first, end});
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        int[] range = pairs.get(r.nextInt(pairs.size()));
        int ws = range[0] + SERVERS_PER_CLIENT + r.nextInt(range[1] - range[0] - SERVERS_PER_CLIENT);
        int srv = range[0] + 1 + r.nextInt(SERVERS_PER_CLIENT - 1);
        return new int[] {ws, srv};
    }

    /**
     * The machine's FQDN: its NetBIOS name starts with its client's id ({@code ACME-DC01.acme.local},
     * {@code GLOBEX-WS-0042.globex.local}), as service providers name their clients' hosts, so
     * no two machines of the fleet share a NetBIOS name: logs written out and ingested again
     * under one client id still give one machine each (TH makes one machine of a client's
     * names with the same first label).
     */
    public String machineName(int machine) {
        int c = clientOf(machine);
        int first = (int) ((long) c * machines / clients.length);
        int no = machine - first;
        String domain = clients[c] + ".local";
        String prefix = clients[c].toUpperCase(Locale.ROOT) + "-";
        if (no == 0) {
            return prefix + "DC01." + domain;
        } else if (no < SERVERS_PER_CLIENT) {
            return String.format(Locale.ROOT, "%sSRV%02d.%s", prefix, no, domain);
        }
        return String.format(Locale.ROOT, "%sWS-%04d.%s", prefix, no, domain);
    }

    /** One machine day: the events, rewritten and normalized, in time order. */
    private List<CanonicalEvent> machineDay(LocalDate day, LocalDate firstDay, int machine, int n) {
        String clientId = clients[clientOf(machine)];
        List<RawEvent> raw = rawDay(day, firstDay, machine, n);
        List<CanonicalEvent> rows = new ArrayList<>(raw.size());
        for (RawEvent e : raw) {
            rows.add(normalizer.normalize(e, clientId));
        }
        return rows;
    }

    /** One machine day: the events, rewritten, in time order. */
    private List<RawEvent> rawDay(LocalDate day, LocalDate firstDay, int machine, int n) {
        int c = clientOf(machine);
        int no = machine - (int) ((long) c * machines / clients.length);
        String name = machineName(machine);
        String clientId = clients[c];
        int dayNo = (int) (day.toEpochDay() - firstDay.toEpochDay());
        SplittableRandom r = new SplittableRandom(FleetReplay.mix64(day.toEpochDay() * 7_919L + machine * 31L + 17) ^ seed);
        FleetReplay replay = new FleetReplay(name, c + 1, no, dayNo, (int) seed);
        boolean server = no < SERVERS_PER_CLIENT;
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        long start = server ? 0 : (7 * 3600L + r.nextInt(7200)) * 1_000_000_000L;
        long span = (server ? 24 * 3600L - 60 : 9 * 3600L) * 1_000_000_000L;

        List<Timed> timed = new ArrayList<>(n);
        FleetTemplates.Log extra = null;
        if (r.nextDouble() < EXTRA_CHANCE && !templates.extras().isEmpty()) {
            extra = templates.extras().get(r.nextInt(templates.extras().size()));
            if (extra.events().size() >= n) {
                extra = null;
            }
        }
        int mainCount = n - (extra == null ? 0 : extra.events().size());
        List<RawEvent> main = templates.main().events();
        int from = r.nextInt(Math.max(1, main.size() - mainCount));
        List<RawEvent> window = main.subList(from, Math.min(main.size(), from + mainCount));
        long w0 = nanos(window.get(0).time());
        double stretch = (double) span / Math.max(1_000_000L, nanos(window.get(window.size() - 1).time()) - w0);
        for (RawEvent e : window) {
            timed.add(new Timed(dayStart + start + (long) ((nanos(e.time()) - w0) * stretch), e));
        }
        if (extra != null) {
            long x0 = nanos(extra.events().get(0).time());
            long at = dayStart + start + (long) (r.nextDouble() * span * 0.9);
            for (RawEvent e : extra.events()) {
                timed.add(new Timed(at + nanos(e.time()) - x0, e));
            }
        }
        for (RawEvent e : attacks.events(machine, day)) {
            timed.add(new Timed(nanos(e.time()), e, true));
        }
        timed.sort(Comparator.comparingLong(Timed::nanos));
        String path = "fleet/" + clientId + "/" + name + "/" + day + ".evtx";
        String hash = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32)
                .putLong(FleetReplay.mix64(machine * 1_000_003L + day.toEpochDay()))
                .putLong(FleetReplay.mix64(day.toEpochDay() ^ 0x5bd1e995L))
                .putLong(machine).putLong(day.toEpochDay()).array());
        List<RawEvent> rows = new ArrayList<>(timed.size());
        long record = 1;
        for (Timed t : timed) {
            SourceRef src = new SourceRef(path, hash, record);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(t.nanos(), 1_000_000_000L), Math.floorMod(t.nanos(), 1_000_000_000L));
            RawEvent e = t.event();
            rows.add(t.generated() ? new RawEvent(src, record, e.time(), e.provider(), e.channel(), e.eventId(), e.computer(),
                    e.fields()) : replay.rewrite(e, at, src, record));
            record++;
        }
        return rows;
    }

    /**
     * Stores machine days as one input (a collector's upload of several machines' files): the
     * input's hash is its first machine day's, and every row of it carries that hash.
     */
    private static void write(EventStore store, List<List<CanonicalEvent>> machineDays) {
        CanonicalEvent first = machineDays.get(0).get(0);
        String hash = first.text(Column.SourceHash);
        String path = first.text(Column.SourcePath) + (machineDays.size() > 1 ? " (+" + (machineDays.size() - 1)
                + " machine days)" : "");
        Map<String, Long> byId = new TreeMap<>();
        long n = 0;
        try (EventStore.InputWriter w = store.begin(hash, path, 0)) {
            for (List<CanonicalEvent> rows : machineDays) {
                for (CanonicalEvent e : rows) {
                    e.set(Column.SourceHash, hash);
                    w.append(e);
                    byId.merge(e.text(Column.Channel) + "|" + e.get(Column.EventId), 1L, Long::sum);
                    n++;
                }
            }
            w.commit(new InputReport(path, hash, 0, n, n, 0, 0, byId, List.of(), List.of()));
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private record Timed(long nanos, RawEvent event, boolean generated) {
        Timed(long nanos, RawEvent event) {
            this(nanos, event, false);
        }
    }
}
