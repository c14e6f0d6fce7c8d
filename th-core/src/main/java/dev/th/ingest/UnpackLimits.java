package dev.th.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The bounds on what an archive (zip or gzip, nested or not) may unpack, so that a zip bomb is
 * refused with a reason instead of filling the disk: at most {@link #MAX_ENTRIES} entries in one
 * zip; an entry (or gzip content) may unpack to no more than {@link #MAX_RATIO} times its
 * compressed size once past {@link #RATIO_FLOOR} (real logs compress 5 to 30 times; deflate's
 * ceiling is about 1000); and one input given to the ingest may unpack to
 * {@link #MAX_UNPACKED} bytes in all, every level of nesting together. Entry names that leave the
 * archive ({@code ../}, an absolute path or a drive) are refused by {@link #badName}. See
 * docs/reliability.md.
 */
final class UnpackLimits {
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_RATIO = 100;
    static final long RATIO_FLOOR = 64L << 20;
    static final long MAX_UNPACKED = 64L << 30;

    /** What unpacking refused: the message says which bound and by how much. */
    static final class Exceeded extends IOException {
        Exceeded(String message) {
            super(message);
        }
    }

    private final long ratioFloor;
    private final long maxUnpacked;
    private long unpacked;

    /** The bounds for one input given to the ingest. */
    UnpackLimits() {
        this(RATIO_FLOOR, MAX_UNPACKED);
    }

    /** Smaller bounds, for tests. */
    UnpackLimits(long ratioFloor, long maxUnpacked) {
        this.ratioFloor = ratioFloor;
        this.maxUnpacked = maxUnpacked;
    }

    /** True once the input's bound on bytes unpacked in all is passed. */
    boolean exhausted() {
        return unpacked > maxUnpacked;
    }

    /** Why a zip of {@code entries} entries is not opened, or null when it may be. */
    static String tooManyEntries(int entries) {
        return entries > MAX_ENTRIES ? "a zip of " + entries + " entries, more than the " + MAX_ENTRIES
                + " TH opens in one archive (a zip bomb?): not opened; unpack it and ingest the folder" : null;
    }

    /** Why an entry named {@code name} is not read, or null when its name stays inside the archive. */
    static String badName(String name) {
        String n = name.replace('\\', '/');
        boolean absolute = n.startsWith("/") || n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0));
        boolean up = ("/" + n + "/").contains("/../");
        if (absolute || up) {
            return "entry name " + (absolute ? "is an absolute path" : "climbs out of the archive with '../'")
                    + " (a crafted archive?): not read";
        }
        return null;
    }

    /**
     * {@code content} (the unpacked bytes of something {@code compressed} bytes long), failing
     * with {@link Exceeded} as soon as it passes a bound.
     */
    InputStream guard(InputStream content, long compressed) {
        return new FilterInputStream(content) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws Exceeded {
                read += n;
                unpacked += n;
                if (read > ratioFloor && compressed >= 0 && read > MAX_RATIO * Math.max(1, compressed)) {
                    throw new Exceeded(String.format(Locale.ROOT, "unpacks to more than %d times its compressed size"
                            + " (%s from %s; a zip bomb?): not read", MAX_RATIO, bytes(read), bytes(compressed)));
                }
                if (unpacked > maxUnpacked) {
                    throw new Exceeded("the archive unpacks to more than " + bytes(maxUnpacked)
                            + " in all (a zip bomb?): the rest of it is not read");
                }
            }
        };
    }

    private static String bytes(long n) {
        return n >= 10L << 20 ? (n >> 20) + " MiB" : n + " bytes";
    }
}
