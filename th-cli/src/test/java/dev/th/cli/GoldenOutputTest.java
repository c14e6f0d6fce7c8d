package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What people see, against files in {@code src/test/resources/golden/} reviewed by eye: tables
 * and exports of the test store (the samples and one EVTX of a known attack). Made deterministic
 * first: the checkout's and the store's paths become {@code $TH_HOME} and {@code $DB}. After a
 * deliberate change, {@code -Dth.golden.update=true} writes the files anew (then review the diff).
 */
class GoldenOutputTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    private record Case(String file, List<String> args) {
    }

    private static final List<Case> CASES = List.of(
            new Case("machines.txt", List.of("machines")),
            new Case("executions-comsvcs.txt", List.of("machine", "WORKSTATION5", "executions", "--command", "comsvcs", "--period", "all")),
            new Case("ioa-list-workstation5.txt", List.of("ioa", "list", "--machine", "WORKSTATION5")),
            new Case("executions-comsvcs.csv", List.of("machine", "WORKSTATION5", "executions", "--command", "comsvcs", "--period", "all", "--format", "csv")),
            new Case("executions-comsvcs.jsonl", List.of("machine", "WORKSTATION5", "executions", "--command", "comsvcs", "--period", "all", "--format", "jsonl")),
            new Case("executions-comsvcs.timesketch.jsonl", List.of("machine", "WORKSTATION5", "executions", "--command", "comsvcs", "--period", "all", "--format", "timesketch")),
            new Case("executions-comsvcs.ecs.jsonl", List.of("machine", "WORKSTATION5", "executions", "--command", "comsvcs", "--period", "all", "--format", "ecs")),
            new Case("communications-iewin7.ecs.jsonl", List.of("machine", AskStore.IEWIN7_MUID, "communications", "--period", "all", "--format", "ecs")),
            new Case("ioa-list.navigator.json", List.of("ioa", "list", "--format", "navigator")));

    @TestFactory
    Stream<DynamicTest> outputMatchesItsGoldenFile() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> {
            Run r = AskStore.th(c.args().toArray(new String[0]));
            assertEquals(0, r.exit(), r::toString);
            String actual = deterministic(r.out());
            Path file = GOLDEN.resolve(c.file());
            if (Boolean.getBoolean("th.golden.update")) {
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertEquals(folded(read(file)), folded(actual), "th " + String.join(" ", c.args()));
        }));
    }

    private static String deterministic(String out) {
        String home = Path.of("..").toAbsolutePath().normalize().toString();
        return out.replace(System.lineSeparator(), "\n").replace(AskStore.db().toString(), "$DB").replace(home, "$TH_HOME");
    }

    /**
     * Column widths follow the longest value, and paths are as long as the checkout's folder: runs
     * of padding and of separator dashes are compared folded (TextTableTest checks the widths).
     */
    private static String folded(String text) {
        return text.replaceAll("-{3,}", "--").replaceAll(" {2,}", " ");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no golden file " + file + ")";
    }
}
