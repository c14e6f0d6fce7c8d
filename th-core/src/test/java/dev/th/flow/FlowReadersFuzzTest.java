package dev.th.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.th.testing.CheckedSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the network log readers: Zeek's TSV logs (conn, dns, http, ssl),
 * Zeek's JSON lines and ECS flows (nested and dotted). Seeds: the first rows of OTRF's
 * LSASS_campaign_01 Zeek logs, and the same rows as Zeek JSON and ECS (see
 * {@code src/test/resources/fuzz-seeds.md}). What must hold for any bytes: only an
 * {@link IOException} escapes, and every rejected line says why.
 */
class FlowReadersFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void zeekTsv(byte[] data) {
        read(new ZeekTsvReader(), data);
    }

    @FuzzTest(maxDuration = "5m")
    void zeekJson(byte[] data) {
        read(new ZeekJsonReader(), data);
    }

    @FuzzTest(maxDuration = "5m")
    void ecs(byte[] data) {
        read(new EcsFlowReader(), data);
    }

    private static void read(FlowReader reader, byte[] data) {
        try {
            reader.read(new ByteArrayInputStream(data), "fuzz.log", new CheckedSink());
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), () -> "an error that does not say why: " + e);
        }
    }
}
