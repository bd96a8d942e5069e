package dev.iotlocal.it.reliability;

import java.time.Duration;
import java.util.List;

/**
 * What one seed session saw, from the browser's side.
 *
 * @param channel          the channel id the session function handed out
 * @param requests         requests published (QoS 1)
 * @param acknowledged     requests the broker acknowledged (PUBACK)
 * @param pongs            PONGs received without the DUP flag
 * @param flaggedDuplicates messages received with the DUP flag (a QoS 1 redelivery, allowed)
 * @param unexpected       PONGs beyond one per request, without the DUP flag (an unflagged duplicate: never allowed),
 *                         and any other message on the response topic after "ready"
 * @param readies          "ready" messages (exactly one expected)
 * @param longestRoundTrip the slowest request/PONG round trip
 * @param problems         what went wrong, in words (a PONG that never came, a refused upgrade, a lost connection)
 */
record SessionReport(String channel, int requests, int acknowledged, int pongs, int flaggedDuplicates, int unexpected,
                     int readies, Duration longestRoundTrip, List<String> problems) {

    /** Every request acknowledged and answered by exactly one PONG, one "ready", nothing else, no problem. */
    boolean lostNothing() {
        return problems.isEmpty() && readies == 1 && acknowledged == requests && pongs == requests && unexpected == 0;
    }

    @Override
    public String toString() {
        return "channel " + channel + ": " + requests + " requests, " + acknowledged + " acknowledged, " + pongs
                + " PONGs, " + flaggedDuplicates + " flagged duplicates, " + unexpected + " unexpected, " + readies
                + " ready, slowest " + longestRoundTrip.toMillis() + " ms" + (problems.isEmpty() ? "" : ", " + problems);
    }
}
