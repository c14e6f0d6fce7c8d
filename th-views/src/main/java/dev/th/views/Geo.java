package dev.th.views;

import dev.th.geo.GeoIp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an address is: first from a table a hunter gives (CSV: {@code network,latitude,longitude,label},
 * the network an IPv4 address or a CIDR block, e.g. {@code 203.0.113.0/24,48.85,2.35,Paris}; the
 * longest matching network wins), then from the GeoIP database of the data directory when one is
 * installed ({@link #with(GeoIp)}; {@code th geoip install}). TH ships no geolocation data: with
 * neither, the map shows no dots and says how to get some.
 */
public final class Geo {
    /**
     * A place: latitude, longitude, a label (city, country or organisation; may be empty), and
     * whether it came from the DB-IP database (whose licence asks for credit where it is shown).
     */
    public record Place(double latitude, double longitude, String label, boolean dbIp) {
        public Place(double latitude, double longitude, String label) {
            this(latitude, longitude, label, false);
        }
    }

    private final TreeMap<Integer, Map<Long, Place>> byPrefix = new TreeMap<>();
    private final String source;
    private GeoIp database;

    private Geo(String source) {
        this.source = source;
    }

    /**
     * This table, then {@code db} for the addresses it does not place ({@code db} stays owned by
     * the caller, who closes it). Returns this.
     */
    public Geo with(GeoIp db) {
        this.database = db;
        return this;
    }

    /** Whether a GeoIP database is there to place public addresses. */
    public boolean hasDatabase() {
        return database != null && database.installed();
    }

    /** What to say when neither a table nor a database places public addresses. */
    public String missing() {
        return (database == null ? GeoIp.none() : database).missing() + ", or give a table network,latitude,longitude,label (--geo FILE.csv)";
    }

    /** No geolocation data. */
    public static Geo none() {
        return new Geo(null);
    }

    /** The table in {@code file}; a malformed line is an error naming the file and the line. */
    public static Geo read(Path file) {
        Geo g = new Geo(file.getFileName().toString());
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the geo table " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("network"))) {
                continue;
            }
            String[] f = line.split(",", 4);
            try {
                if (f.length < 3) {
                    throw new IllegalArgumentException("expected network,latitude,longitude[,label]");
                }
                g.put(f[0].strip(), Double.parseDouble(f[1].strip()), Double.parseDouble(f[2].strip()), f.length > 3 ? f[3].strip() : "");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("geo table " + file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return g;
    }

    /** Adds a network (address or CIDR block) at a place. */
    public Geo put(String network, double latitude, double longitude, String label) {
        int slash = network.indexOf('/');
        int prefix = slash < 0 ? 32 : Integer.parseInt(network.substring(slash + 1));
        Long address = ipv4(slash < 0 ? network : network.substring(0, slash));
        if (address == null || prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("not an IPv4 network: " + network);
        }
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("latitude must be within -90..90 and longitude within -180..180");
        }
        byPrefix.computeIfAbsent(prefix, k -> new HashMap<>()).put(mask(address, prefix), new Place(latitude, longitude, label));
        return this;
    }

    /** The place of {@code ip} (the table's, else the database's for a public address), or null. */
    public Place locate(String ip) {
        Long a = ip == null ? null : ipv4(ip);
        if (a != null) {
            for (Map.Entry<Integer, Map<Long, Place>> e : byPrefix.descendingMap().entrySet()) {
                Place p = e.getValue().get(mask(a, e.getKey()));
                if (p != null) {
                    return p;
                }
            }
        }
        if (database == null) {
            return null;
        }
        dev.th.geo.Place p = database.lookup(ip);
        return p == null || !p.located() ? null : new Place(p.latitude(), p.longitude(), p.label(), true);
    }

    /** Whether a hunter's table has any line. */
    boolean hasTable() {
        return !byPrefix.isEmpty();
    }

    /** Whether there is no data: no table line and no database installed. */
    public boolean isEmpty() {
        return byPrefix.isEmpty() && !hasDatabase();
    }

    /** Where the data came from (a file name), or null. */
    public String source() {
        return source;
    }

    private static long mask(long address, int prefix) {
        return prefix == 0 ? 0 : address & (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    static Long ipv4(String s) {
        String[] p = s.strip().split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        long v = 0;
        for (String part : p) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int b = Integer.parseInt(part);
            if (b > 255) {
                return null;
            }
            v = (v << 8) | b;
        }
        return v;
    }
}
