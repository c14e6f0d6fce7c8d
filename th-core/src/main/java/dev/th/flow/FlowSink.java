package dev.th.flow;

/** Receives what a {@link FlowReader} reads, one record at a time. Every line read goes to exactly one method. */
public interface FlowSink {

    /** A connection read. */
    void flow(Flow flow);

    /** A name read (a line of dns.log, http.log or ssl.log). */
    void name(NetName name);

    /**
     * A line that could not be read.
     *
     * @param line its line number
     * @param reason what was wrong, in words a user can act on
     */
    void reject(long line, String reason);
}
