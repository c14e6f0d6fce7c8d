package dev.th.flow;

import java.io.IOException;
import java.io.InputStream;

/** Reads one network log format into flows and names. Readers keep no state between calls. */
public interface FlowReader {

    /**
     * Reads every line of {@code in}: damaged lines go to {@link FlowSink#reject} and reading goes
     * on; an exception only when nothing more can be read.
     *
     * @param in the content from its start; not closed here
     * @param path the name to report
     */
    void read(InputStream in, String path, FlowSink sink) throws IOException;
}
