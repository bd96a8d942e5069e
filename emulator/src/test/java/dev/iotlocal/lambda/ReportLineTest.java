package dev.iotlocal.lambda;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The REPORT line a log reader (and CloudWatch Logs Insights' parsing of it) relies on, in AWS's format. */
class ReportLineTest {

    private static final String ID = "c6af9ac6-7b61-11e6-9a41-93e812345678";

    @Test
    void warmInvocationHasAwsFieldsTabSeparatedWithTwoDecimalDuration() {
        assertThat(ExecutionEnvironment.reportLine(ID, 12_345_678, 512, 3, Optional.empty())).isEqualTo(
                "REPORT RequestId: " + ID + "\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB"
                        + "\tMax Memory Used: 3 MB\t");
    }

    @Test
    void coldStartAddsInitDuration() {
        assertThat(ExecutionEnvironment.reportLine(ID, 1_000_000, 128, 1, Optional.of(301_504_999L))).isEqualTo(
                "REPORT RequestId: " + ID + "\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 1 MB\tInit Duration: 301.50 ms\t");
    }

    @Test
    void billedDurationIsAtLeastOneMillisecondAndRoundsUp() {
        assertThat(ExecutionEnvironment.reportLine(ID, 40_000, 128, 1, Optional.empty()))
                .contains("\tDuration: 0.04 ms\tBilled Duration: 1 ms\t");
        assertThat(ExecutionEnvironment.reportLine(ID, 2_000_001, 128, 1, Optional.empty()))
                .contains("\tDuration: 2.00 ms\tBilled Duration: 3 ms\t");
    }

    @Test
    void sameTextAsPercentTwoFFormatForEveryDuration() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, 1, 4_999, 5_000, 5_001, 9_999, 10_000, 995_000, 994_999, 999_999, 1_000_000, 1_005_000,
                12_345_000, 12_355_000, 99_995_000, 899_999_995_000L, -1, -5_000, -1_234_567};
        for (long nanos : edges) {
            assertSameAsFormat(nanos, nanos + 7);
        }
        for (int i = 0; i < 200_000; i++) {
            long nanos = i % 2 == 0 ? random.nextLong(0, 10_000_000) : random.nextLong(0, 900_000_000_000L);
            assertSameAsFormat(nanos, random.nextLong(0, 10_000_000_000L));
        }
    }

    /** The line as it was built before, with String.format: the reference for the text. */
    private static void assertSameAsFormat(long nanos, long initNanos) {
        double ms = nanos / 1e6;
        String expected = String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms"
                        + "\tMemory Size: %d MB\tMax Memory Used: %d MB\t", ID, ms, Math.max(1, (long) Math.ceil(ms)), 1024, 7)
                + String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initNanos / 1e6);
        assertThat(ExecutionEnvironment.reportLine(ID, nanos, 1024, 7, Optional.of(initNanos)))
                .as("%d ns", nanos).isEqualTo(expected);
    }
}
