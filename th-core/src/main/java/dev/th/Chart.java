package dev.th;

import java.nio.file.Path;

/**
 * The default picture of an answer (the seed's {@code print_dataframe()}): one self-contained
 * HTML page that opens with no network. Made by {@link Hits#chart()} through the
 * {@link ChartProvider} on the class path (module th-views).
 */
public interface Chart {
    /** What the picture is: map, bandwidth, heatmap, ioas, tree, timeline, histogram or table. */
    String kind();

    /** The chart's specification (the data the page draws), as JSON. */
    String specJson();

    /** The whole page. */
    String html();

    /** Writes {@link #html()} to {@code file} (folders made as needed) and returns it. */
    Path save(Path file);
}
