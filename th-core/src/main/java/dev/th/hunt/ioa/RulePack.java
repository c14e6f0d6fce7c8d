package dev.th.hunt.ioa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * TH's own Sigma rule pack, shipped as resources under {@code dev/th/rules/} (listed in its
 * {@code index.txt}). The Sigma loader reads files, so the pack is copied to a folder first.
 */
public final class RulePack {
    private static final String BASE = "/dev/th/rules/";
    /** What {@link #label} puts in place of a copy's folder. */
    public static final String LABEL = "th-rules/";
    private static final java.util.Set<String> COPIES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RulePack() {
    }

    /** The file names of the pack's rules. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        try (InputStream in = RulePack.class.getResourceAsStream(BASE + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource " + BASE + "index.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Copies the pack's rules into {@code dir} (created if needed) and returns {@code dir}. */
    public static Path copyTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        COPIES.add(dir.toAbsolutePath().normalize().toString());
        for (String name : names()) {
            try (InputStream in = RulePack.class.getResourceAsStream(BASE + name)) {
                if (in == null) {
                    throw new IllegalStateException("rule " + name + " listed in the pack index is missing");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /**
     * A rule source as users should see it: a file of a copy of the pack becomes
     * {@code th-rules/NAME.yml}; any other path is returned as it is.
     */
    public static String label(String source) {
        if (source == null) {
            return null;
        }
        Path p = Path.of(source).toAbsolutePath().normalize();
        Path parent = p.getParent();
        return parent != null && COPIES.contains(parent.toString()) ? LABEL + p.getFileName() : source;
    }

    /** Copies the pack into a new temporary folder, removed when the JVM exits. */
    public static Path materialize() throws IOException {
        Path dir = Files.createTempDirectory("th-rules-");
        copyTo(dir);
        dir.toFile().deleteOnExit();
        for (String name : names()) {
            dir.resolve(name).toFile().deleteOnExit();
        }
        return dir;
    }
}
