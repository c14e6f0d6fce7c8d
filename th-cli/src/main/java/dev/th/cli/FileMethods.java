package dev.th.cli;

import static dev.th.cli.Opt.ATTRIBUTES;
import static dev.th.cli.Opt.COMMAND;
import static dev.th.cli.Opt.HISTOGRAM;
import static dev.th.cli.Opt.KIND;
import static dev.th.cli.Opt.PARENT_KIND;
import static dev.th.cli.Opt.OPERATION;
import static dev.th.cli.Opt.USER;

import dev.th.File;
import java.util.EnumSet;

/** The File pivots as {@code th file MD5|PATH|NAME METHOD}: machines, executions, detections, first and last seen. */
final class FileMethods {
    private FileMethods() {
    }

    static final Methods<File> TABLE = new Methods<>("file",
            Method.<File>of("machines", "the machines where the file was seen (all time)", Method.none(),
                    (f, o, c) -> Answers.hits(f.machines())).timeless(),
            Questions.ask("executions", "executions of the file on every machine",
                    EnumSet.of(USER, KIND, PARENT_KIND, OPERATION, COMMAND, ATTRIBUTES, Opt.EXCLUDE_ALLOWED, Opt.FRESH, HISTOGRAM), File::executions, Filters::executions),
            Questions.ask("detections", "detections of the file on every machine",
                    EnumSet.of(USER, HISTOGRAM), File::detections, Filters::detections),
            Method.<File>of("prevalence", "first and last seen, machines and events of the file, out of its clients' machines",
                    Method.none(), (f, o, c) -> Answers.prevalence(f.prevalence())).timeless(),
            Method.<File>of("first_seen", "the first time the file was seen anywhere", Method.none(),
                    (f, o, c) -> Answer.value("FirstSeen", f.firstSeen())).timeless(),
            Method.<File>of("last_seen", "the last time the file was seen anywhere", Method.none(),
                    (f, o, c) -> Answer.value("LastSeen", f.lastSeen())).timeless());
}
