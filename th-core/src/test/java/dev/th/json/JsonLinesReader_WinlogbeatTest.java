package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.th.event.RawEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Winlogbeat's layout. ../shared/data holds no Winlogbeat export, so the document is written
 * here in Winlogbeat's documented field layout (values of a Sysmon 1 event of the OTRF data).
 */
class JsonLinesReader_WinlogbeatTest {
    private static final String NESTED = "{\"@timestamp\":\"2020-10-18T23:50:05.917Z\","
            + "\"event\":{\"code\":\"1\",\"kind\":\"event\",\"provider\":\"Microsoft-Windows-Sysmon\"},"
            + "\"host\":{\"name\":\"workstation5\"},\"log\":{\"level\":\"information\"},"
            + "\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"computer_name\":\"WORKSTATION5\","
            + "\"event_id\":\"1\",\"provider_name\":\"Microsoft-Windows-Sysmon\","
            + "\"provider_guid\":\"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}\",\"record_id\":\"411209\","
            + "\"process\":{\"pid\":2012,\"thread\":{\"id\":3044}},\"user\":{\"identifier\":\"S-1-5-18\"},"
            + "\"version\":5,\"task\":\"Process Create (rule: ProcessCreate)\",\"opcode\":\"Info\","
            + "\"keywords\":[\"Classic\"],"
            + "\"event_data\":{\"ProcessGuid\":\"{39e4a257-d4ad-5f8c-3303-000000000700}\",\"ProcessId\":\"4824\","
            + "\"Image\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"ParentProcessId\":\"6100\"}},"
            + "\"tags\":[\"beats\",\"sysmon\"]}";

    private static RawEvent read(String line) throws IOException {
        CollectingSink sink = new CollectingSink();
        new JsonLinesReader().read(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)), "w", "h", sink);
        assertEquals(List.of(), sink.rejections);
        return sink.events.get(0);
    }

    private static void checkSysmon1(RawEvent e) {
        assertEquals(1, e.eventId());
        assertEquals(Instant.parse("2020-10-18T23:50:05.917Z"), e.time());
        assertEquals("Microsoft-Windows-Sysmon/Operational", e.channel());
        assertEquals("WORKSTATION5", e.computer());
        assertEquals("Microsoft-Windows-Sysmon", e.provider());
        assertEquals("411209", e.field("EventRecordID"));
        assertEquals("2012", e.field("Execution_ProcessID"));
        assertEquals("3044", e.field("Execution_ThreadID"));
        assertEquals("S-1-5-18", e.field("Security_UserID"));
        assertEquals("{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", e.field("Provider_Guid"));
        assertEquals("4824", e.field("ProcessId"));
        assertEquals("C:\\Windows\\System32\\rundll32.exe", e.field("Image"));
        assertEquals("Classic", e.field("Keywords"));
        assertEquals("Info", e.field("Opcode"));
        // the rest is kept, flattened with _
        assertEquals("workstation5", e.field("host_name"));
        assertEquals("information", e.field("log_level"));
        assertEquals("beats, sysmon", e.field("tags"));
        assertEquals("1", e.field("event_code"));
        assertFalse(e.fields().keySet().stream().anyMatch(k -> k.startsWith("winlog")));
        // record id is the line, not EventRecordID (which repeats across the channels of one export)
        assertEquals(1, e.recordId());
    }

    @Test
    void nestedDocument() throws IOException {
        checkSysmon1(read(NESTED));
    }

    @Test
    void dottedKeys() throws IOException {
        String dotted = NESTED
                .replace("\"winlog\":{\"channel\"", "\"winlog.channel\"")
                .replace(",\"computer_name\"", ",\"winlog.computer_name\"")
                .replace(",\"event_id\"", ",\"winlog.event_id\"")
                .replace(",\"provider_name\"", ",\"winlog.provider_name\"")
                .replace(",\"provider_guid\"", ",\"winlog.provider_guid\"")
                .replace(",\"record_id\"", ",\"winlog.record_id\"")
                .replace(",\"process\":{\"pid\":2012,\"thread\":{\"id\":3044}}", ",\"winlog.process.pid\":2012,\"winlog.process.thread.id\":3044")
                .replace(",\"user\":{\"identifier\"", ",\"winlog.user.identifier\"")
                .replace("\"S-1-5-18\"}", "\"S-1-5-18\"")
                .replace(",\"version\"", ",\"winlog.version\"")
                .replace(",\"task\"", ",\"winlog.task\"")
                .replace(",\"opcode\"", ",\"winlog.opcode\"")
                .replace(",\"keywords\"", ",\"winlog.keywords\"")
                .replace(",\"event_data\":{", ",\"winlog.event_data\":{")
                .replace("\"6100\"}},", "\"6100\"},");
        checkSysmon1(read(dotted));
    }

    @Test
    void eventCodeStandsInForAMissingEventId() throws IOException {
        RawEvent e = read(NESTED.replace("\"event_id\":\"1\",", ""));
        assertEquals(1, e.eventId());
        assertEquals("1", e.field("EventID"));
    }

    @Test
    void elasticsearchHitUnwrapsSource() throws IOException {
        RawEvent e = read("{\"_index\":\"winlogbeat-7.17.0\",\"_id\":\"q1\",\"_source\":" + NESTED + "}");
        checkSysmon1(e);
        assertEquals("winlogbeat-7.17.0", e.field("_index"));
        assertEquals("q1", e.field("_id"));
    }
}
