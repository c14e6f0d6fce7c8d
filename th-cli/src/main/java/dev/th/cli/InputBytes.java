package dev.th.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bytes an ingest of some paths is going to read, for its progress bar: the size of every
 * file under them, a zip counted by its entries' uncompressed sizes (a zip inside a zip by its
 * compressed size). Only sizes and zip directories are read; what cannot be read counts 0.
 */
final class InputBytes {
    private InputBytes() {
    }

    static long of(List<Path> paths) {
        long total = 0;
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    total += files.filter(Files::isRegularFile).mapToLong(InputBytes::file).sum();
                } catch (IOException | UncheckedIOException e) {
                    // the ingest reports what it cannot walk
                }
            } else if (Files.isRegularFile(p)) {
                total += file(p);
            }
        }
        return total;
    }

    private static long file(Path f) {
        try {
            long size = Files.size(f);
            return f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? zip(f, size) : size;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long zip(Path f, long size) {
        try (ZipFile z = new ZipFile(f.toFile())) {
            long sum = 0;
            for (var en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory()) {
                    sum += e.getSize() >= 0 ? e.getSize() : e.getCompressedSize();
                }
            }
            return sum;
        } catch (IOException e) {
            return size;
        }
    }
}
