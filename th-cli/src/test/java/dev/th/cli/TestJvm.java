package dev.th.cli;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** Starts {@code th} in a JVM of its own, with the test's class path (for tests that kill or drive it). */
final class TestJvm {
    private TestJvm() {
    }

    /** The java command of the running JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -cp CLASSPATH dev.th.cli.Main ARGS...}. */
    static List<String> th(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g", "-cp", classPath(), "dev.th.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The test's class path, with a manifest-only jar (as surefire may use) expanded into its entries. */
    static String classPath() throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            out.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    String cp = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            out.add(u.startsWith("file:") ? Path.of(URI.create(u)).toString() : Path.of(entry).resolveSibling(u).toString());
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
