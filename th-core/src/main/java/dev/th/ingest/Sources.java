package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.json.EvtxDumpJsonReader;
import dev.th.json.JsonArrayReader;
import dev.th.json.JsonLinesReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Walks the inputs of an ingest: files, folders (recursively, files in path order; a symbolic
 * link, FIFO or device met inside a folder is reported, not followed nor opened) and zip archives
 * (entries in archive order, zips inside zips, within {@link UnpackLimits}), and hands each input
 * unit to a {@link SourceVisitor} with its format (found from the content), size and SHA-256.
 * Nothing here throws for a bad input: a missing, unreadable, unknown or damaged one is passed
 * to {@link SourceVisitor#skipped} with its path and the reason, and the walk goes on.
 *
 * <p>A gzip file is read as the content it holds. A zip entry is copied to a temporary file (hashing it on the way) so memory stays bounded
 * whatever its size; the file is deleted once the visitor returns.
 */
public final class Sources {
    /** Zips nested deeper than this are reported, not opened (a guard against zip bombs). */
    static final int MAX_ZIP_DEPTH = 8;

    private final Path tempDir;

    /** Spools zip entries to the system's temporary folder. */
    public Sources() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Spools zip entries to {@code tempDir}. */
    public Sources(Path tempDir) {
        this.tempDir = tempDir;
    }

    /** Visits every input unit under {@code paths}, in the order given and a stable order inside. */
    public void forEach(List<Path> paths, SourceVisitor visitor) {
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                for (Path file : filesUnder(p, visitor)) {
                    visitFile(file, file.toString(), visitor);
                }
            } else if (Files.isRegularFile(p)) {
                visitFile(p, p.toString(), visitor);
            } else if (Files.exists(p)) {
                visitor.skipped(p.toString(), NOT_REGULAR);
            } else if (Files.isSymbolicLink(p)) {
                visitor.skipped(p.toString(), "a symbolic link that leads nowhere (or round to itself): not read");
            } else {
                visitor.skipped(p.toString(), "no such file or folder");
            }
        }
    }

    private static final String NOT_REGULAR = "not a regular file (a FIFO, a device or a socket): not read";

    private static List<Path> filesUnder(Path dir, SourceVisitor visitor) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    } else if (attrs.isSymbolicLink()) {
                        visitor.skipped(file.toString(), "a symbolic link: links inside a folder are not followed"
                                + " (give its target to read it)");
                    } else if (attrs.isOther()) {
                        visitor.skipped(file.toString(), NOT_REGULAR);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    visitor.skipped(file.toString(), "cannot be read: " + describe(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            visitor.skipped(dir.toString(), "folder cannot be walked: " + e.getMessage());
        }
        Collections.sort(files);
        return files;
    }

    private void visitFile(Path file, String display, SourceVisitor visitor) {
        visit(file, display, visitor, 0, new UnpackLimits());
    }

    /** Visits a file on disk (given, or spooled from a zip) under the name {@code display}. */
    private void visit(Path file, String display, SourceVisitor visitor, int depth, UnpackLimits limits) {
        ContentSniffer.Kind kind;
        try {
            if (isGzip(file)) {
                visitGzip(file, display, visitor, depth + 1, limits);
                return;
            }
            kind = ContentSniffer.sniff(file);
        } catch (IOException e) {
            visitor.skipped(display, "cannot be read: " + describe(e));
            return;
        }
        if (kind.zip()) {
            visitZip(file, display, visitor, depth + 1, limits);
        } else if (kind.format() == null) {
            visitor.skipped(display, kind.unknownReason());
        } else {
            String sha;
            long size;
            try (InputStream in = Files.newInputStream(file)) {
                Hashed h = hashCopy(in, OutputStream.nullOutputStream());
                sha = h.sha256();
                size = h.size();
            } catch (IOException e) {
                visitor.skipped(display, "cannot be read: " + describe(e));
                return;
            }
            handOver(new Source(display, kind.format(), size, sha, () -> Files.newInputStream(file)), visitor);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** A gzip file is unpacked to a temporary file and read as what it holds (the hash is the unpacked content's). */
    private void visitGzip(Path gz, String display, SourceVisitor visitor, int depth, UnpackLimits limits) {
        if (depth > MAX_ZIP_DEPTH) {
            visitor.skipped(display, "compressed more than " + MAX_ZIP_DEPTH + " deep: not opened");
            return;
        }
        long compressed;
        try {
            compressed = Files.size(gz);
        } catch (IOException e) {
            visitor.skipped(display, "cannot be read: " + describe(e));
            return;
        }
        spooled(() -> limits.guard(new java.util.zip.GZIPInputStream(Files.newInputStream(gz), 1 << 16), compressed),
                display, visitor, depth, limits, "damaged gzip: ");
    }

    private void visitZip(Path zip, String display, SourceVisitor visitor, int depth, UnpackLimits limits) {
        if (depth > MAX_ZIP_DEPTH) {
            visitor.skipped(display, "zip nested more than " + MAX_ZIP_DEPTH + " deep: not opened");
            return;
        }
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            String tooMany = UnpackLimits.tooManyEntries(zf.size());
            if (tooMany != null) {
                visitor.skipped(display, tooMany);
                return;
            }
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String entryDisplay = display + "!/" + entry.getName();
                String badName = UnpackLimits.badName(entry.getName());
                if (badName != null) {
                    visitor.skipped(entryDisplay, badName);
                } else if (limits.exhausted()) {
                    visitor.skipped(entryDisplay, "not read: the archive already unpacked more than TH unpacks from one input");
                } else {
                    spooled(() -> limits.guard(zf.getInputStream(entry), entry.getCompressedSize()), entryDisplay, visitor,
                            depth, limits, "cannot be unpacked: ");
                }
            }
        } catch (IOException e) {
            visitor.skipped(display, "damaged zip: " + describe(e));
        }
    }

    /** Copies {@code content} to a temporary file, visits it as {@code display}, then deletes it. */
    private void spooled(InputOpener content, String display, SourceVisitor visitor, int depth, UnpackLimits limits,
            String failure) {
        Path spool = null;
        try {
            spool = Files.createTempFile(tempDir, "th-entry-", ".tmp");
            try (InputStream in = content.open(); OutputStream out = Files.newOutputStream(spool)) {
                in.transferTo(out);
            }
            visit(spool, display, visitor, depth, limits);
        } catch (UnpackLimits.Exceeded e) {
            visitor.skipped(display, e.getMessage());
        } catch (IOException e) {
            visitor.skipped(display, failure + describe(e));
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    visitor.skipped(display, "temporary copy " + spool + " could not be deleted: " + describe(e));
                }
            }
        }
    }

    private static void handOver(Source source, SourceVisitor visitor) {
        try {
            visitor.source(source);
        } catch (IOException e) {
            visitor.skipped(source.displayPath(), "cannot be read: " + describe(e));
        }
    }

    private record Hashed(String sha256, long size) {
    }

    private static Hashed hashCopy(InputStream in, OutputStream out) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        DigestInputStream din = new DigestInputStream(in, md);
        long size = din.transferTo(out);
        return new Hashed(HexFormat.of().formatHex(md.digest()), size);
    }

    /**
     * The readers of the JSON formats, in a map the caller completes with the EVTX reader:
     * {@code Sources.jsonReaders().put(Format.EVTX, evtxReader)}; then {@link Source#read(Map, EventSink)}.
     */
    public static Map<Format, EventReader> jsonReaders() {
        Map<Format, EventReader> readers = new EnumMap<>(Format.class);
        readers.put(Format.JSON_LINES, new JsonLinesReader());
        readers.put(Format.EVTX_DUMP_JSON, new EvtxDumpJsonReader());
        readers.put(Format.JSON_ARRAY, new JsonArrayReader());
        return readers;
    }

    /** SHA-256 of a whole file, hex lower case. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return hashCopy(in, OutputStream.nullOutputStream()).sha256();
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }
}
