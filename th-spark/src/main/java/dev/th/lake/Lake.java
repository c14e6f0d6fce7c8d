package dev.th.lake;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A lake's commit log: {@code _th_lake/v00000001.properties}, ... Each version names, per table,
 * the folder of its Parquet files, its columns with their types and a content fingerprint.
 * A version is committed by an atomic rename that fails when another writer took the same number,
 * so readers only ever see whole versions.
 */
public final class Lake {
    /** The folder of the commit log inside a lake. */
    public static final String LOG = dev.th.TH.LAKE_LOG;

    /**
     * One table of a version: its files are under {@code dir}, or under each of several folders
     * joined by {@code ;} (a table an ingest appended to: one folder per ingest run).
     */
    public record Table(String name, String dir, List<String> columns, List<String> types, long rows, String fingerprint) {
        /** The table's folders, absolute. */
        public List<Path> dirs(Path lake) {
            return java.util.Arrays.stream(dir.split(";")).map(d -> lake.resolve(d).toAbsolutePath()).toList();
        }
    }

    private Lake() {
    }

    /** Whether {@code dir} is a lake (has a committed version). */
    public static boolean isLake(Path dir) {
        return latestVersion(dir) > 0;
    }

    /** The number of the latest committed version, 0 when none. */
    public static int latestVersion(Path lake) {
        Path log = lake.resolve(LOG);
        if (!Files.isDirectory(log)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("v\\d{8}\\.properties"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, 9))).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lake's log " + log, e);
        }
    }

    /** The tables of the latest version (empty when none), by name. */
    public static Map<String, Table> latest(Path lake) {
        int v = latestVersion(lake);
        Map<String, Table> out = new LinkedHashMap<>();
        if (v == 0) {
            return out;
        }
        Properties p = new Properties();
        Path file = lake.resolve(LOG).resolve(name(v));
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lake version " + file, e);
        }
        for (String t : p.getProperty("tables", "").split(",")) {
            if (t.isBlank()) {
                continue;
            }
            out.put(t, new Table(t, p.getProperty(t + ".dir"), List.of(p.getProperty(t + ".columns").split(",")),
                    List.of(p.getProperty(t + ".types").split(",")), Long.parseLong(p.getProperty(t + ".rows")),
                    p.getProperty(t + ".fingerprint")));
        }
        return out;
    }

    /** Commits {@code tables} as version {@code latest + 1}; fails when another writer committed it first. */
    static int commit(Path lake, int previous, List<Table> tables) {
        Map<String, String> p = new TreeMap<>();
        List<String> names = new ArrayList<>();
        for (Table t : tables) {
            names.add(t.name());
            p.put(t.name() + ".dir", t.dir());
            p.put(t.name() + ".columns", String.join(",", t.columns()));
            p.put(t.name() + ".types", String.join(",", t.types()));
            p.put(t.name() + ".rows", Long.toString(t.rows()));
            p.put(t.name() + ".fingerprint", t.fingerprint());
        }
        p.put("tables", String.join(",", names));
        int v = previous + 1;
        try {
            Path log = Files.createDirectories(lake.resolve(LOG));
            Path tmp = log.resolve("." + name(v) + "." + java.util.UUID.randomUUID() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : p.entrySet()) {
                    w.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
                }
            }
            Path target = log.resolve(name(v));
            // a hard link is made whole or not at all, and never over an existing name: of two
            // writers racing for version v exactly one wins (a rename would replace the other's)
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalStateException("lake " + lake + ": version " + v + " was committed by another writer; export again");
            } catch (UnsupportedOperationException | IOException e) {
                moveUnlessTaken(tmp, target, lake, v); // a file system without hard links
                return v;
            } finally {
                Files.deleteIfExists(tmp);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit lake version " + v + " in " + lake, e);
        }
    }

    private static void moveUnlessTaken(Path tmp, Path target, Path lake, int v) throws IOException {
        if (Files.exists(target)) {
            throw new IllegalStateException("lake " + lake + ": version " + v + " was committed by another writer; export again");
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            throw new IllegalStateException("lake " + lake + ": cannot commit version " + v + " atomically: " + e.getMessage(), e);
        }
    }

    private static String name(int v) {
        return String.format("v%08d.properties", v);
    }
}
