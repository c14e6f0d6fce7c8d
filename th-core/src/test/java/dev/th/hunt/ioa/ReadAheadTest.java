package dev.th.hunt.ioa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadAheadTest {

    @Test
    @Timeout(20)
    void deliversEverythingInOrder() throws Exception {
        List<Integer> got = new ArrayList<>();
        long n = ReadAhead.<Integer>run("t", out -> {
            for (int i = 0; i < 10_000; i++) {
                out.accept(i);
            }
        }, got::add);
        assertEquals(10_000, n);
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    @Timeout(20)
    void aReaderFailureComesBackAfterWhatWasRead() {
        List<Integer> got = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> ReadAhead.<Integer>run("t", out -> {
            for (int i = 0; i < 1000; i++) {
                out.accept(i);
            }
            throw new IOException("disk gone at 1000");
        }, got::add));
        assertEquals("disk gone at 1000", e.getMessage());
        assertEquals(1000, got.size());
    }

    @Test
    @Timeout(20)
    void aConsumerFailureStopsTheReader() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReadAhead.<Integer>run("t", out -> {
            for (int i = 0; ; i++) {
                out.accept(i);
            }
        }, i -> {
            if (i == 5000) {
                throw new IllegalStateException("store full");
            }
        }));
        assertEquals("store full", e.getMessage());
    }
}
