package dev.th.cli;

import static dev.th.cli.Opt.ATTRIBUTES;
import static dev.th.cli.Opt.COMMAND;
import static dev.th.cli.Opt.FILE;
import static dev.th.cli.Opt.HISTOGRAM;
import static dev.th.cli.Opt.KIND;
import static dev.th.cli.Opt.PARENT_KIND;
import static dev.th.cli.Opt.OPERATION;

import dev.th.User;
import java.util.EnumSet;

/** The User pivots as {@code th user NAME METHOD}: machines, executions, timetable. */
final class UserMethods {
    private UserMethods() {
    }

    static final Methods<User> TABLE = new Methods<>("user",
            Method.<User>of("machines", "the machines where the user acted (all time)", Method.none(),
                    (u, o, c) -> Answers.hits(u.machines())).timeless(),
            Questions.ask("executions", "the user's actions over processes on every machine",
                    EnumSet.of(FILE, KIND, PARENT_KIND, OPERATION, COMMAND, ATTRIBUTES, HISTOGRAM), User::executions, Filters::executions),
            Questions.ask("sessions", "the user's logon sessions on every machine", MachineMethods.SESSIONS,
                    User::sessions, Filters::sessions),
            Method.<User>of("timetable", "the user's actions per weekday and hour", Method.none(),
                    (u, o, c) -> Answers.frame(u.timetable(c.period(o)))));
}
