package dev.th.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Opens a source's content from its start; each call gives a new stream the caller closes. */
@FunctionalInterface
public interface InputOpener {
    InputStream open() throws IOException;
}
