package dev.th.flow;

import java.time.Instant;
import java.util.List;

/**
 * A name the network gave: a DNS answer ({@code dns.log}: the query and the addresses it resolved
 * to), the host of an HTTP request ({@code http.log}) or the server name of a TLS handshake
 * ({@code ssl.log}), each tied to the flow it travelled in.
 *
 * @param time when, by the sensor's clock
 * @param flowId the flow it travelled in (Zeek's {@code uid}), null when unknown
 * @param log where it comes from: {@code dns}, {@code http} or {@code ssl}
 * @param name the queried name, the HTTP host, or the TLS server name (null when the line has none)
 * @param addresses the addresses a DNS answer gave (empty for the other logs, or no answer)
 * @param line where it is in its input (line number)
 */
public record NetName(Instant time, String flowId, String log, String name, List<String> addresses, long line) {
    public NetName {
        addresses = List.copyOf(addresses);
    }
}
