package dev.th.cli;

import dev.th.Chart;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TimePeriod;
import dev.th.views.Views;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.DataFrame;
import picocli.CommandLine.Option;

/**
 * {@code --chart FILE.html} and {@code --open} of the question commands: the answer's default
 * picture (world map, heatmap, IoA pie or bars, execution tree, stacked histogram, a machine's
 * events as a timeline with its IoAs, or a table)
 * as one self-contained page.
 */
public final class ChartOutput {
    @Option(names = "--chart", paramLabel = "FILE.html",
            description = "Also write the answer's default picture (map, heatmap, pie/bars, tree, histogram or table) as a self-contained HTML page")
    Path file;

    @Option(names = "--open", description = "Open the picture in the desktop's browser (in a temporary file without --chart)")
    boolean open;

    boolean wanted() {
        return file != null || open;
    }

    /** Writes the picture of {@code frame} (an execution tree of {@code target} with its IoAs on the nodes); prints where. */
    void write(String title, String method, DataFrame frame, Object target, TimePeriod period, PrintWriter err) {
        Chart chart;
        String m = method.replace("get_", "");
        if (target instanceof Process p && m.equals("execution_tree")) {
            chart = Views.tree(title, p.executionTree(period), Views.marksFor(p));
        } else if (target instanceof Machine machine && m.equals("events") && frame.getColumnsIndex().contains("DateTime")) {
            chart = Views.timeline(title, frame, machine.ioas().period(period).fetch());
        } else {
            chart = Views.chart(title, method, frame);
        }
        Path out = file;
        try {
            if (out == null) {
                out = Files.createTempFile("th-chart-", ".html");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chart.save(out);
        err.println("chart (" + chart.kind() + "): " + out.toAbsolutePath());
        if (open) {
            String why = Opener.open(out);
            if (why != null) {
                err.println(why);
            }
        }
    }
}
