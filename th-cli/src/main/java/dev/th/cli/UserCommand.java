package dev.th.cli;

import dev.th.TH;
import dev.th.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code th user NAME METHOD}: a user's machines, executions and timetable. */
@Command(name = "user", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask about a user (DOMAIN\\name, or name for any domain; case ignored) across every machine.")
public final class UserCommand extends AskCommand<User> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user: DOMAIN\\name or name")
    String name;

    @Parameters(index = "1", paramLabel = "METHOD", description = "One of the methods below")
    String method;

    public UserCommand() {
        super(() -> UserMethods.TABLE,
                "th user 'OFFSEC\\hack1' machines",
                "th user hack1 executions --operation create --period all",
                "th user wardog timetable --period all");
    }

    @Override
    String method() {
        return method;
    }

    @Override
    User target(TH th) {
        User u = th.user(name);
        if (u.machines().isEmpty()) {
            throw new NotFound("no user '" + name + "' acted on any machine of the store; see the users with "
                    + "`th client default users --period all --db " + db.path() + "`");
        }
        return u;
    }

    @Override
    String span(User u) {
        return "user " + u.name() + " acted " + MachineMethods.fromTo(u.machines());
    }
}
