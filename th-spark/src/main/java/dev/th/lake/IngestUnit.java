package dev.th.lake;

import dev.th.ingest.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Spark task's share of a lake ingest: a whole file (an EVTX, JSON or XML file, a zip or gzip
 * of them: read by {@link Sources} on the executor), or chunks {@code [from, to)} of a large EVTX
 * file, whose content hash the driver computed once for all its ranges.
 *
 * @param index the unit's number in this ingest (names its staged files)
 * @param path the file, as given or found under a folder given
 * @param sha256 the whole file's content hash for a chunk range, null for a whole file
 * @param size the file's size in bytes
 * @param from first chunk of a range (-1 for a whole file)
 * @param to chunk after the range's last
 * @param chunks the file's chunks (for a range)
 */
record IngestUnit(int index, String path, String sha256, long size, long from, long to, long chunks) implements Serializable {
    private static final byte[] EVTX = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};

    boolean range() {
        return from >= 0;
    }

    /** The reader of a range. */
    ChunkRange reader() {
        return new ChunkRange(from, to, to >= chunks);
    }

    /**
     * The units of {@code paths} (files and folders, walked in path order): every EVTX file of
     * more than {@code chunksPerTask} chunks cut into ranges of that many chunks, every other file
     * whole. A path that does not exist becomes a unit too, for its task to report.
     */
    static List<IngestUnit> list(List<Path> paths, int chunksPerTask) {
        if (chunksPerTask < 1) {
            throw new IllegalArgumentException("chunks per task must be 1 or more: " + chunksPerTask);
        }
        List<IngestUnit> units = new ArrayList<>();
        for (Path p : paths) {
            for (Path file : files(p)) {
                long size = size(file);
                long chunks = isEvtx(file) ? ChunkRange.chunks(size) : 0;
                if (chunks <= chunksPerTask) {
                    units.add(new IngestUnit(units.size(), file.toString(), null, size, -1, -1, 0));
                    continue;
                }
                String hash;
                try {
                    hash = Sources.sha256(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                for (long lo = 0; lo < chunks; lo += chunksPerTask) {
                    units.add(new IngestUnit(units.size(), file.toString(), hash, size, lo, Math.min(chunks, lo + chunksPerTask), chunks));
                }
            }
        }
        return units;
    }

    private static List<Path> files(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(f -> !Files.isDirectory(f)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(p); // the task's Sources reports the folder that cannot be walked
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isEvtx(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(EVTX.length), EVTX);
        } catch (IOException e) {
            return false;
        }
    }
}
