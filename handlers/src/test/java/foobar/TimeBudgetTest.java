package foobar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    long now = 1_000_000_000L;

    TimeBudget budget(long remainingSeconds, long idleSeconds) {
        return new TimeBudget(Duration.ofSeconds(remainingSeconds), Duration.ofSeconds(2),
                Duration.ofSeconds(idleSeconds), () -> now);
    }

    void advance(long seconds) {
        now += Duration.ofSeconds(seconds).toNanos();
    }

    @Test
    void idleComesFirstWithTheDefaultSettings() {
        TimeBudget budget = budget(45, 30);

        assertThat(budget.untilStop()).isEqualTo(Duration.ofSeconds(30));
        assertThat(budget.untilDeadline()).isEqualTo(Duration.ofSeconds(43));
        assertThat(budget.reason()).isEqualTo(TimeBudget.Stop.IDLE);
    }

    @Test
    void activityRestartsTheIdlePeriodUntilTheDeadlineIsNearer() {
        TimeBudget budget = budget(45, 30);

        advance(20);
        budget.activity();
        assertThat(budget.untilStop()).isEqualTo(Duration.ofSeconds(23)); // deadline 43 s after start
        assertThat(budget.reason()).isEqualTo(TimeBudget.Stop.DEADLINE);
    }

    @Test
    void stopsWhenIdleLongEnough() {
        TimeBudget budget = budget(45, 30);

        advance(31);
        assertThat(budget.untilStop()).isNegative();
        assertThat(budget.reason()).isEqualTo(TimeBudget.Stop.IDLE);
    }

    @Test
    void keepsTheMarginBeforeTheFunctionsDeadline() {
        TimeBudget budget = budget(10, 30);

        assertThat(budget.untilStop()).isEqualTo(Duration.ofSeconds(8));
        advance(8);
        assertThat(budget.untilDeadline()).isZero();
        assertThat(budget.reason()).isEqualTo(TimeBudget.Stop.DEADLINE);
    }
}
