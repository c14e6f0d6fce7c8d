package dev.th.flow;

import dev.th.normalize.IpClass;

import java.time.Instant;

/**
 * One network connection as a sensor logged it (a line of Zeek's {@code conn.log}, or an ECS flow
 * document): who opened it (the originator), who answered (the responder), when it started, how
 * long it lasted and what each side sent. Unset values are null.
 *
 * @param id the sensor's id of the connection (Zeek's {@code uid}; for ECS the flow or community
 *     id, else one made from the time and the 5-tuple)
 * @param start when the connection started, by the sensor's clock
 * @param origIp the originator's address
 * @param origPort the originator's port (for ICMP: the type)
 * @param respIp the responder's address
 * @param respPort the responder's port (for ICMP: the code)
 * @param protocol the transport, lower case ({@code tcp}, {@code udp}, {@code icmp})
 * @param service the application protocols the sensor recognized ({@code dns}, {@code ssl,http})
 * @param duration seconds from the first to the last packet
 * @param origBytes payload bytes the originator sent
 * @param respBytes payload bytes the responder sent
 * @param state Zeek's {@code conn_state} ({@code SF}, {@code S0}, {@code REJ}, ...)
 * @param localOrig whether the originator is in the sensor's local networks
 * @param localResp whether the responder is in the sensor's local networks
 * @param history Zeek's {@code history} (a {@code ^} means Zeek flipped originator and responder)
 * @param origPackets packets the originator sent
 * @param origIpBytes bytes on the wire (IP headers included) the originator sent
 * @param respPackets packets the responder sent
 * @param respIpBytes bytes on the wire the responder sent
 * @param line where the flow is in its input (line number)
 */
public record Flow(
        String id,
        Instant start,
        String origIp,
        Integer origPort,
        String respIp,
        Integer respPort,
        String protocol,
        String service,
        Double duration,
        Long origBytes,
        Long respBytes,
        String state,
        Boolean localOrig,
        Boolean localResp,
        String history,
        Long origPackets,
        Long origIpBytes,
        Long respPackets,
        Long respIpBytes,
        long line) {
    /** Addresses as the events store them: an IPv4-mapped IPv6 address by its IPv4 part, so flows and events join. */
    public Flow {
        origIp = IpClass.unmapped(origIp);
        respIp = IpClass.unmapped(respIp);
    }
}
