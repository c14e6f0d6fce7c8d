package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Machine.communications() (get_communications) on MKT01 (OTRF LSASS_campaign_01): its 140
 * Sysmon 3 events and 177 Security 5156 (Windows Filtering Platform) connections, 317, counted
 * from the source file (Sysmon: Initiated true = outgoing; WFP: Direction %%14593 = outgoing, the
 * Source fields the local end): outgoing 254 / incoming 63; udp 236 / tcp 80 / icmpv6 1; remote end
 * 192.168.1.4 195 times, every remote end private (RFC 1918, loopback, link-local, multicast 224/239
 * and ff02:: count as private); port 53 at either end 129, port 80 8, port 443 and 3389 none;
 * svchost.exe 196; 62 distinct (user, process, pid, remote ip:port, local ip, protocol, direction)
 * connections, the most frequent Sysmon's 67 of svchost.exe pid 1048 → 192.168.1.4:53 udp (the
 * same flows seen by the WFP, without a user, are 62).
 */
class Machine_CommunicationsTest extends OtrfStoreTest {
    static Machine mkt;

    @BeforeAll
    static void open() {
        mkt = th.machine("MKT01");
    }

    @Test
    void allConnectionsWithTheSeedColumns() {
        Hits<Connection> all = mkt.communications().fetch();
        assertEquals(317, all.size());
        assertEquals(List.of("DateTime", "Date", "Muid", "LoggedUser", "ParentFilename", "ParentPid", "RemoteIp", "RemotePort",
                "LocalIp", "LocalPort", "Protocol", "Direction", "Ipv4Status", "Times"), all.columns());
        assertEquals(all.columns(), List.of(all.frame().getColumnsIndex().toArray()));
        for (Connection c : all) {
            assertEquals(1, c.times());
        }
    }

    @Test
    void directionAndIpType() {
        assertEquals(254, mkt.communications().direction(Direction.OUTGOING).fetch().size());
        assertEquals(63, mkt.communications().direction("incoming").fetch().size());
        assertEquals(0, mkt.communications().ipType(IpType.PUBLIC).fetch().size());
        assertEquals(317, mkt.communications().ipType("Private").fetch().size());
        // an incoming connection has the machine's address as its local end (or loopback)
        for (Connection c : mkt.communications().direction(Direction.INCOMING).fetch()) {
            assertTrue(c.localIp().equals("192.168.1.41") || c.localIp().startsWith("fe80:") || c.localIp().equals("127.0.0.1"),
                    c.toString());
        }
    }

    @Test
    void protocolPortAndIps() {
        assertEquals(236, mkt.communications().protocol(Protocol.UDP).fetch().size());
        assertEquals(80, mkt.communications().protocol("tcp").fetch().size());
        assertEquals(316, mkt.communications().protocol(Protocol.TCP, Protocol.UDP).fetch().size());
        assertEquals(1, mkt.communications().protocol(Protocol.ICMPV6).fetch().size()); // WFP protocol 58
        for (Protocol p : List.of(Protocol.ICMP, Protocol.IGMP, Protocol.RFCOMM, Protocol.RDP, Protocol.RM)) {
            assertEquals(0, mkt.communications().protocol(p).fetch().size(), p.label());
        }
        assertEquals(129, mkt.communications().port(53).fetch().size());
        assertEquals(8, mkt.communications().port(Port.HTTP).fetch().size());
        assertEquals(8, mkt.communications().port("HTTP").fetch().size());
        assertEquals(137, mkt.communications().port("53", "http").fetch().size());
        for (Port p : List.of(Port.FTP, Port.SSH, Port.TELNET, Port.SMTP, Port.POP3, Port.HTTPS, Port.RDP)) {
            assertEquals(0, mkt.communications().port(p).fetch().size(), p.label());
        }
        assertEquals(195, mkt.communications().ips("192.168.1.4").fetch().size());
        assertEquals(0, mkt.communications().ips("192.168.1.4' OR '1'='1").fetch().size());
        assertEquals(196, mkt.communications().file("svchost.exe").fetch().size());
    }

    @Test
    void topAggregatesIdenticalConnections() {
        Hits<Connection> top1 = mkt.communications().top(1).fetch();
        assertEquals(1, top1.size());
        Connection c = top1.get(0);
        assertEquals(67, c.times());
        assertEquals("svchost.exe", c.parentFilename());
        assertEquals(1048L, c.parentPid());
        assertEquals("192.168.1.4", c.remoteIp());
        assertEquals(53, c.remotePort());
        assertEquals("UDP", c.protocol());
        assertEquals("Outgoing", c.direction());
        assertEquals("Private", c.ipv4Status());
        Hits<Connection> all = mkt.communications().top(1000).fetch();
        // 67 distinct by the events' own fields; 27 WFP connections of processes whose Sysmon 1 is in
        // the store carry that process's user, which joins 5 of them to their Sysmon 3 twins: 62
        assertEquals(62, all.size());
        assertEquals(317, all.list().stream().mapToLong(Connection::times).sum());
        assertEquals(List.of("DateTime", "Date", "Muid", "LoggedUser", "ParentFilename", "ParentPid", "RemoteIp", "RemotePort",
                "LocalIp", "LocalPort", "Protocol", "Direction", "Ipv4Status", "Times"), List.of(all.frame().getColumnsIndex().toArray()));
    }

    @Test
    void histogramSplitByProcess() {
        Hits<Bucket> b = mkt.communications().histogram(Histogram.byDay().split("ParentFilename", 2)).fetch();
        assertEquals(List.of("DateTime", "ParentFilename", "Count"), b.columns());
        assertEquals(2, b.size());
        // one day, the two most frequent processes, in name order within the bucket
        assertEquals("lsass.exe", b.get(0).splitValue());
        assertEquals(35, b.get(0).count());
        assertEquals("svchost.exe", b.get(1).splitValue());
        assertEquals(196, b.get(1).count());
        // 09:53-10:00 by TimeCreated, 04:53-05:00 the next day by Sysmon's UtcTime (the input's clock, +19:00)
        assertEquals("2023-08-16T00:00:00Z", b.get(0).time().toString());
    }

    @Test
    void badValuesListTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mkt.communications().port("GOPHER"));
        assertTrue(e.getMessage().contains("FTP, SSH, TELNET, SMTP, HTTP, POP3, HTTPS, RDP"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mkt.communications().protocol("SCTP"));
        assertTrue(e.getMessage().contains("ICMP, IGMP, RFCOMM, TCP, RDP, UDP, ICMPV6, RM"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mkt.communications().ipType("dark"));
        assertTrue(e.getMessage().contains("Public, Private"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mkt.communications().direction("up"));
        assertTrue(e.getMessage().contains("Incoming, Outgoing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mkt.communications().port(70000));
    }
}
