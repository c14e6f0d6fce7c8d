package dev.th.cli;

import static dev.th.cli.Opt.ATTRIBUTES;
import static dev.th.cli.Opt.BYTES;
import static dev.th.cli.Opt.COMMAND;
import static dev.th.cli.Opt.DIRECTION;
import static dev.th.cli.Opt.FILE;
import static dev.th.cli.Opt.HISTOGRAM;
import static dev.th.cli.Opt.IPS;
import static dev.th.cli.Opt.IPTYPE;
import static dev.th.cli.Opt.KIND;
import static dev.th.cli.Opt.PARENT_KIND;
import static dev.th.cli.Opt.OPERATION;
import static dev.th.cli.Opt.PORT;
import static dev.th.cli.Opt.PROTOCOL;
import static dev.th.cli.Opt.TOP;

import dev.th.Machine;
import dev.th.Process;
import java.util.EnumSet;
import java.util.List;

/** The seed's Process methods as {@code th process ... METHOD}: name, options, API call. */
final class ProcessMethods {
    private ProcessMethods() {
    }

    static final Methods<Process> TABLE = new Methods<>("process",
            Method.<Process>of("parent", "the process that created this one", Method.none(),
                    (p, o, c) -> Answers.hits(p.parent())).timeless(),
            Method.<Process>of("childs", "the processes this one created", Method.none(),
                    (p, o, c) -> Answers.hits(p.children())).alias("children").timeless(),
            Method.<Process>of("execution_tree", "ancestors, this process and its descendants", Method.none(),
                    (p, o, c) -> Answers.hits(p.executionTree(c.period(o)))).alias("tree"),
            Method.<Process>of("commandlines", "this binary's command lines on the machine, most used first", EnumSet.of(TOP),
                    (p, o, c) -> Answers.frame(AskOptions.apply(TOP, () -> p.commandlines(c.period(o), o.top)))),
            Questions.ask("executions", "this process's actions over processes",
                    EnumSet.of(FILE, KIND, PARENT_KIND, OPERATION, COMMAND, ATTRIBUTES, HISTOGRAM), Process::executions, Filters::executions),
            Questions.ask("files", "this process's actions over files",
                    EnumSet.of(FILE, KIND, PARENT_KIND, OPERATION, ATTRIBUTES, HISTOGRAM), Process::files, Filters::files),
            Questions.ask("registry", "this process's actions over registry keys",
                    EnumSet.of(FILE, KIND, PARENT_KIND, OPERATION, HISTOGRAM), Process::registry, Filters::registry),
            Questions.ask("communications", "this process's connections",
                    EnumSet.of(PROTOCOL, PORT, IPTYPE, DIRECTION, IPS, BYTES, HISTOGRAM), Process::communications, Filters::communications),
            Method.<Process>of("bandwidth", "MB sent and received per day", Method.none(),
                    (p, o, c) -> Answers.bandwidth(p.bandwidthAnswer(c.period(o)))),
            Method.<Process>of("file", "the process's binary", Method.none(),
                    (p, o, c) -> Answers.row(p.file(), List.of("ChildMd5", "ChildPath", "ChildFilename"))).timeless(),
            Method.<Process>of("machine", "the machine it ran on", Method.none(),
                    (p, o, c) -> Answers.row(p.machine(), Machine.COLUMNS)).timeless(),
            Method.<Process>of("user", "the user that ran it", Method.none(),
                    (p, o, c) -> Answer.value("LoggedUser", p.user().name())).timeless(),
            Method.<Process>of("time", "when it was created", Method.none(), (p, o, c) -> Answer.value("DateTime", p.time())).timeless(),
            Method.<Process>of("md5", "its binary's MD5", Method.none(), (p, o, c) -> Answer.value("ChildMd5", p.md5())).timeless(),
            Method.<Process>of("name", "its binary's name", Method.none(), (p, o, c) -> Answer.value("ChildFilename", p.name())).timeless(),
            Method.<Process>of("pid", "its pid", Method.none(), (p, o, c) -> Answer.value("ChildPid", p.pid())).timeless());

    /** The process's time, for the note of an empty answer. */
    static String span(Process p) {
        return "process " + p.name() + " (pid " + p.pid() + ") was created at " + p.time();
    }
}
