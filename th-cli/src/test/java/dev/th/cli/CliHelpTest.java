package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} of every command shows examples; mistyped names get the closest one; one line per error. */
class CliHelpTest {

    private static void all(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help")) {
                all(e.getValue(), out);
            }
        }
    }

    @Test
    void everyCommandHelpHasExamplesThatStartWithTh() {
        List<CommandLine> commands = new ArrayList<>();
        all(Main.commandLine(), commands);
        assertTrue(commands.size() >= 18, "commands: " + commands.size());
        for (CommandLine c : commands) {
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = c.getCommandSpec().qualifiedName();
            int at = help.indexOf("Examples:");
            assertTrue(at >= 0, name + " --help has no examples:\n" + help);
            assertTrue(help.substring(at).lines().skip(1).anyMatch(l -> l.startsWith("  th ")), name + ":\n" + help);
        }
    }

    @Test
    void topLevelHelpListsTheExitCodes() {
        Run r = Run.th("--help");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("Exit codes:") && r.out().contains("machines"), r::toString);
    }

    @Test
    void builtAloneASubcommandHelpsAsWhenBuiltWithAll() {
        for (String sub : List.of("machine", "ioa", "hunt", "ingest")) {
            String full = Main.commandLine().getSubcommands().get(sub).getUsageMessage(CommandLine.Help.Ansi.OFF);
            String alone = Main.commandLine(new String[] {sub, "--help"}).getSubcommands().get(sub).getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertEquals(full, alone, sub);
        }
    }

    @Test
    void mistypedMethodGetsTheClosestName() {
        Run r = AskStore.th("machine", "WORKSTATION5", "executons");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("did you mean 'executions'?"), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }

    @Test
    void mistypedSeedNameWithGetPrefixGetsTheClosestName() {
        Run r = AskStore.th("machine", "WORKSTATION5", "get_comunications");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("did you mean 'communications'?"), r::toString);
    }

    @Test
    void mistypedOptionGetsTheClosestOption() {
        Run r = AskStore.th("machine", "WORKSTATION5", "executions", "--perod", "all");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("did you mean --period?"), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }

    @Test
    void mistypedCommandGetsTheClosestCommand() {
        Run r = Run.th("machnes");
        assertTrue(r.exit() != 0, r::toString);
        assertTrue(r.err().contains("did you mean machines?") || r.err().contains("did you mean machine?"), r::toString);
    }

    @Test
    void farFromEveryNameGetsNoGuess() {
        Run r = AskStore.th("machine", "WORKSTATION5", "xyzzyplugh");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(!r.err().contains("did you mean") && r.err().contains("allowed:"), r::toString);
    }

    @Test
    void mistypedValueOfAnOptionGetsTheClosestValue() {
        Run r = AskStore.th("machine", "WORKSTATION5", "executions", "--kind", "interpretr", "--period", "all");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'interpretr' (did you mean 'interpreter'?); allowed: interpreter,"), r::toString);
        Run s = AskStore.th("ioa", "list", "--status", "neww");
        assertEquals(1, s.exit(), s::toString);
        assertTrue(s.err().contains("(did you mean 'new'?)"), s::toString);
        assertEquals(1, s.err().strip().lines().count(), s::toString);
    }

    @Test
    void suggestionsAreAddedOnlyWhereAValueIsClose() {
        assertEquals("unknown kind 'zzzzzzz'; allowed: interpreter, admintool",
                Suggest.improve("unknown kind 'zzzzzzz'; allowed: interpreter, admintool"));
        assertEquals("no machine 'NOPE' in the store", Suggest.improve("no machine 'NOPE' in the store"));
        assertEquals(2, Suggest.distance("executons", "executions") + Suggest.distance("exectuions", "executions"));
    }
}
