package dev.th.flow;

import java.util.List;

/**
 * What an assignment of flows found.
 *
 * @param flows distinct flows stored
 * @param machineEnds flow ends assigned to a machine of the fleet (a flow between two of them counts twice)
 * @param processEnds of those, the ends assigned to a process
 * @param networkOnlyMachines machines known only from flows (their address as name)
 * @param offsets the clock offset of each machine with matched flows
 * @param joined flows joined by this assignment: all of them when it was made anew, the new ones
 *     when only flows came since the last one, 0 when nothing it uses came
 */
public record FlowAssignment(long flows, long machineEnds, long processEnds, long networkOnlyMachines,
        List<ClockOffset> offsets, long joined) {
    public FlowAssignment {
        offsets = List.copyOf(offsets);
    }

    /** One line for a summary. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "Flows: %d, %d ends on fleet machines, %d of them assigned to a process",
                flows, machineEnds, processEnds));
        sb.append(joined == flows ? "" : String.format(java.util.Locale.ROOT, " (%d joined now)", joined));
        if (networkOnlyMachines > 0) {
            sb.append(", ").append(networkOnlyMachines).append(" machine").append(networkOnlyMachines == 1 ? "" : "s")
                    .append(" seen by the network only");
        }
        for (ClockOffset o : offsets) {
            sb.append(System.lineSeparator()).append("  clock offset ").append(o.describe());
        }
        return sb.toString();
    }
}
