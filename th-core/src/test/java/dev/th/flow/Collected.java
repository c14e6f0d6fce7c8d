package dev.th.flow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a flow reader handed over, in order. */
final class Collected implements FlowSink {
    final List<Flow> flows = new ArrayList<>();
    final List<NetName> names = new ArrayList<>();
    final List<Long> rejectedLines = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    @Override
    public void flow(Flow flow) {
        flows.add(flow);
    }

    @Override
    public void name(NetName name) {
        names.add(name);
    }

    @Override
    public void reject(long line, String reason) {
        rejectedLines.add(line);
        reasons.add(reason);
    }

    static Collected read(FlowReader reader, String text) throws IOException {
        return read(reader, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Collected read(FlowReader reader, InputStream in) throws IOException {
        Collected c = new Collected();
        reader.read(in, "test", c);
        return c;
    }
}
