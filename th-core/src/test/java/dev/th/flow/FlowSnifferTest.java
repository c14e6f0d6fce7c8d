package dev.th.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.th.ingest.Format;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlowSnifferTest {

    @Test
    void networkLogsAreToldFromTheirFirstBytes() {
        assertEquals(Format.ZEEK_TSV, sniff(ZeekTsvReaderTest.HEADER).format());
        assertEquals("a Zeek kerberos log: TH reads Zeek's conn, dns, http and ssl logs",
                sniff("#separator \\x09\n#set_separator\t,\n#path\tkerberos\n").unknownReason());
        assertEquals(Format.ZEEK_JSON, sniff("{\"ts\":1692161643.5,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\"}\n").format());
        assertEquals(Format.ECS_FLOW_JSON, sniff("{\"source\":{\"ip\":\"10.0.0.1\",\"bytes\":5},\"destination\":{\"ip\":\"10.0.0.2\"}}")
                .format());
        assertEquals(Format.ECS_FLOW_JSON, sniff("{\"source.ip\":\"10.0.0.1\",\"destination.ip\":\"10.0.0.2\",\"network.transport\":\"tcp\"}")
                .format());
    }

    @Test
    void windowsEventsWithEcsAddressesAreNotFlows() {
        assertNull(sniff("{\"winlog\":{\"event_id\":3},\"source\":{\"ip\":\"10.0.0.1\"},\"destination\":{\"ip\":\"10.0.0.2\"},"
                + "\"network\":{\"transport\":\"tcp\"}}"));
        assertNull(sniff("{\"EventID\":3,\"SourceIp\":\"10.0.0.1\",\"DestinationIp\":\"10.0.0.2\"}"));
        assertNull(sniff("ElfFile\0"));
    }

    private static FlowSniffer.Found sniff(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return FlowSniffer.sniff(b, b.length, 0);
    }
}
