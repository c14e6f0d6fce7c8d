package dev.th.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFlowReadersTest {

    @Test
    void zeekJsonConnDnsAndDamagedLines() throws IOException {
        Collected c = Collected.read(new ZeekJsonReader(), String.join("\n",
                "{\"ts\":1692161643.549491,\"uid\":\"CX6\",\"id.orig_h\":\"192.168.1.41\",\"id.orig_p\":55213,"
                        + "\"id.resp_h\":\"10.0.5.13\",\"id.resp_p\":80,\"proto\":\"tcp\",\"duration\":1.201128,"
                        + "\"conn_state\":\"SHR\",\"history\":\"^hadf\",\"orig_ip_bytes\":0,\"resp_ip_bytes\":615}",
                "{\"ts\":\"2023-08-16T04:54:03.5Z\",\"uid\":\"CY7\",\"id\":{\"orig_h\":\"192.168.1.41\",\"orig_p\":5000,"
                        + "\"resp_h\":\"192.168.1.4\",\"resp_p\":53},\"proto\":\"udp\",\"conn_state\":\"S0\"}",
                "{\"ts\":1692161622.0,\"uid\":\"CD\",\"id.orig_h\":\"192.168.1.41\",\"id.orig_p\":5000,\"id.resp_h\":\"192.168.1.4\","
                        + "\"id.resp_p\":53,\"query\":\"pandalab.com\",\"answers\":[\"192.168.1.4\",\"dc.pandalab.com\"]}",
                "",
                "not json",
                "{\"ts\":1692161643.5,\"uid\":\"CZ\",\"id.orig_h\":\"192.168.1.41\",\"id.orig_p\":\"eighty\","
                        + "\"id.resp_h\":\"10.0.5.13\",\"id.resp_p\":80,\"proto\":\"tcp\",\"conn_state\":\"SF\"}",
                "{\"ts\":1692161643.5,\"uid\":\"CW\",\"id.orig_h\":\"192.168.1.41\",\"name\":\"weird\"}",
                "[1]"));
        assertEquals(List.of("CX6", "CY7"), c.flows.stream().map(Flow::id).toList());
        Flow a = c.flows.get(0);
        assertEquals(Instant.ofEpochSecond(1692161643L, 549_491_000L), a.start());
        assertEquals(615L, a.respIpBytes());
        assertNull(a.origBytes());
        assertNull(a.localOrig());
        Flow b = c.flows.get(1);
        assertEquals(Instant.parse("2023-08-16T04:54:03.5Z"), b.start());
        assertEquals("192.168.1.4", b.respIp());
        assertEquals(53, b.respPort());
        assertNull(b.duration());
        assertNull(b.respIpBytes());
        assertEquals(1, c.names.size());
        assertEquals(List.of("192.168.1.4"), c.names.get(0).addresses());
        assertEquals(List.of(5L, 6L, 7L, 8L), c.rejectedLines);
        assertTrue(c.reasons.get(1).contains("'eighty' is not a port"), c.reasons.get(1));
    }

    @Test
    void ecsFlowsNestedDottedAndDamaged() throws IOException {
        Collected c = Collected.read(new EcsFlowReader(), String.join("\n",
                "{\"@timestamp\":\"2023-08-16T04:54:03Z\",\"event\":{\"duration\":2500000000},\"source\":{\"ip\":\"192.168.1.41\","
                        + "\"port\":51130,\"bytes\":1200,\"packets\":9},\"destination\":{\"ip\":\"10.0.5.13\",\"port\":8080,"
                        + "\"bytes\":210344},\"network\":{\"transport\":\"TCP\",\"protocol\":\"tls\"}}",
                "{\"event.start\":\"2023-08-16T04:55:00Z\",\"event.end\":\"2023-08-16T04:55:01.5Z\",\"flow.id\":\"F2\","
                        + "\"source.ip\":\"192.168.1.41\",\"source.port\":5000,\"destination.ip\":\"192.168.1.4\","
                        + "\"destination.port\":53,\"network.iana_number\":\"17\"}",
                "{\"_source\":{\"@timestamp\":\"2023-08-16T04:56:00Z\",\"source.ip\":\"192.168.1.41\","
                        + "\"destination.ip\":\"192.168.1.4\",\"network.transport\":\"icmp\"}}",
                "{\"@timestamp\":\"2023-08-16T04:57:00Z\",\"source.ip\":\"192.168.1.41\",\"network.transport\":\"tcp\"}",
                "{\"source.ip\":\"192.168.1.41\",\"destination.ip\":\"192.168.1.4\",\"network.transport\":\"tcp\"}",
                "{\"@timestamp\":\"2023-08-16T04:57:00Z\",\"source.ip\":\"192.168.1.41\",\"destination.ip\":\"192.168.1.4\","
                        + "\"source.bytes\":-5,\"network.transport\":\"tcp\"}",
                "{broken"));
        assertEquals(3, c.flows.size());
        Flow a = c.flows.get(0);
        assertEquals("tcp", a.protocol());
        assertEquals("tls", a.service());
        assertEquals(2.5, a.duration());
        assertEquals(1200L, a.origIpBytes());
        assertEquals(210344L, a.respIpBytes());
        assertEquals(9L, a.origPackets());
        assertNull(a.respPackets());
        Flow b = c.flows.get(1);
        assertEquals("F2", b.id());
        assertEquals("udp", b.protocol());
        assertEquals(1.5, b.duration());
        assertNull(b.origIpBytes());
        Flow d = c.flows.get(2);
        assertNull(d.origPort());
        assertEquals("icmp", d.protocol());
        assertEquals(List.of(4L, 5L, 6L, 7L), c.rejectedLines);
        assertTrue(c.reasons.get(0).contains("no destination.ip"), c.reasons.get(0));
        assertTrue(c.reasons.get(1).contains("no event.start"), c.reasons.get(1));
        assertTrue(c.reasons.get(2).contains("source.bytes '-5' is not a count"), c.reasons.get(2));
    }
}
