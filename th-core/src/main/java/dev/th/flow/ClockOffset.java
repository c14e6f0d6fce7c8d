package dev.th.flow;

/**
 * How far a machine's clock is from the network sensor's, estimated from the flows matched to the
 * machine's own network events: {@code sensor time = host time + seconds}.
 *
 * @param clientId the machine's client
 * @param muid the machine
 * @param machineName its name
 * @param seconds the offset (the median over the matched pairs)
 * @param pairs how many flow-event pairs it was estimated from
 * @param spreadSeconds the median distance of the pairs' offsets from it: small when the offset is stable
 */
public record ClockOffset(String clientId, String muid, String machineName, double seconds, long pairs,
        double spreadSeconds) {

    /** {@code MKT01: sensor = host + 5d 14:14:24.5 (96 pairs, spread 0.2 s)}. */
    public String describe() {
        return machineName + ": sensor = host " + (seconds < 0 ? "- " : "+ ") + span(Math.abs(seconds)) + " (" + pairs
                + " pair" + (pairs == 1 ? "" : "s") + ", spread " + String.format(java.util.Locale.ROOT, "%.1f", spreadSeconds)
                + " s)";
    }

    private static String span(double s) {
        long whole = (long) s;
        long days = whole / 86_400;
        long h = whole % 86_400 / 3600;
        long m = whole % 3600 / 60;
        double sec = s - days * 86_400 - h * 3600 - m * 60;
        return (days > 0 ? days + "d " : "") + String.format(java.util.Locale.ROOT, "%02d:%02d:%04.1f", h, m, sec);
    }
}
