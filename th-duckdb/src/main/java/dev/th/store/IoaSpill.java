package dev.th.store;

import dev.th.hunt.ioa.Ioa;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The IoAs of one input waiting for the input to be stored, kept in a temporary file once there
 * are many, so hunting a huge input with many rules does not hold them all on the heap. Read
 * back in batches; deleted on {@link #close}. Not thread-safe.
 */
final class IoaSpill implements AutoCloseable {
    private final Path file;
    private DataOutputStream out;
    private long count;

    IoaSpill() {
        try {
            file = Files.createTempFile("th-ioas-", ".bin");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the IoAs of the input: " + e.getMessage(), e);
        }
    }

    long count() {
        return count;
    }

    void addAll(List<Ioa> ioas) {
        try {
            for (Ioa a : ioas) {
                write(a);
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the IoAs of the input to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Hands every IoA written, in order, in batches of at most {@code size}. */
    void forEachBatch(int size, Consumer<List<Ioa>> batch) {
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                List<Ioa> b = new ArrayList<>(size);
                for (long i = 0; i < count; i++) {
                    b.add(read(in));
                    if (b.size() == size) {
                        batch.accept(b);
                        b = new ArrayList<>(size);
                    }
                }
                if (!b.isEmpty()) {
                    batch.accept(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IoAs of the input back from " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Ioa a) throws IOException {
        time(a.alertDateTime());
        text(a.clientId());
        out.writeBoolean(a.critical());
        text(a.details());
        out.writeBoolean(a.excluded());
        text(a.huntingRule());
        text(a.id());
        out.writeInt(a.lastHourEvidenceCount());
        text(a.mitre());
        text(a.muid());
        text(a.severity());
        text(a.status());
        time(a.timeStamp());
        out.writeInt(a.weight());
        text(a.ruleId());
        text(a.ruleTitle());
        text(a.ruleAuthor());
        text(a.eventRef());
        text(a.machineName());
        text(a.sourceHash());
        out.writeLong(a.recordId());
    }

    private static Ioa read(DataInputStream in) throws IOException {
        return new Ioa(time(in), text(in), in.readBoolean(), text(in), in.readBoolean(), text(in), text(in), in.readInt(),
                text(in), text(in), text(in), text(in), time(in), in.readInt(), text(in), text(in), text(in), text(in),
                text(in), text(in), in.readLong());
    }

    private void text(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private void time(Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant time(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
