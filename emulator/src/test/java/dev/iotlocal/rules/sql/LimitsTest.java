package dev.iotlocal.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Inputs at the edges: deep payloads, long aliases, huge numbers. Nothing may throw from apply(). */
class LimitsTest {

    private static final SqlVersion V2 = SqlVersion.V2016_03_23;

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** Jackson refuses to write past 1000 levels; the read and SQL limits keep outputs below that. */
    @Test
    void deepestAcceptedPayloadCanBeWrappedAndWritten() {
        String payload = nested(JsonCodec.MAX_DEPTH);
        int wrap = Parser.MAX_DEPTH - 2;
        String sql = "SELECT VALUE " + "{'k': [".repeat(wrap / 2) + "a" + "]}".repeat(wrap / 2) + " AS "
                + "b.".repeat(Parser.MAX_ALIAS_PARTS - 1) + "z FROM '#'";
        String out = Sql.run(sql.replace("SELECT VALUE", "SELECT"), V2, payload);
        assertThat(out).startsWith("{\"b\":{\"b\":").contains("{\"a\":1}").endsWith("]}" + "}".repeat(Parser.MAX_ALIAS_PARTS));
        assertThat(out.chars().filter(c -> c == '[').count()).isEqualTo(wrap / 2);
    }

    @Test
    void tooDeepPayloadIsNotJson() {
        String payload = nested(JsonCodec.MAX_DEPTH + 1);
        assertThat(Sql.run("SELECT a FROM '#'", V2, payload)).isEqualTo("{}");
        assertThat(Sql.run("SELECT * FROM '#'", V2, payload)).isEqualTo(payload);
    }

    @Test
    void aliasPathsAreBounded() throws SqlParseException {
        String ok = "SELECT 1 AS " + "a.".repeat(Parser.MAX_ALIAS_PARTS - 1) + "z FROM '#'";
        assertThat(IotSql.parse(ok, V2).apply(Sql.message("t", "{}"))).isPresent();
        String tooLong = "SELECT 1 AS " + "a.".repeat(Parser.MAX_ALIAS_PARTS) + "z FROM '#'";
        SqlParseException e = catchThrowableOfType(SqlParseException.class, () -> IotSql.parse(tooLong, V2));
        assertThat(e.problem()).contains("at most " + Parser.MAX_ALIAS_PARTS);
    }

    @Test
    void hugePayloadNumbers() {
        String payload = "{\"big\": 1E5000, \"long\": 12345678901234567890123456789012345678901234567890, \"tiny\": 1E-5000}";
        // Out of AWS's Decimal range: the key is Undefined; a 50-digit integer becomes a 34-digit Decimal.
        assertThat(Sql.run("SELECT big, long, tiny FROM '#'", V2, payload))
                .isEqualTo("{\"long\":1.234567890123456789012345678901235E+49}");
    }

    @Test
    void numberTooLongForJacksonMakesThePayloadRaw() {
        String payload = "{\"n\": " + "9".repeat(1500) + "}";
        assertThat(Sql.run("SELECT n FROM '#'", V2, payload)).isEqualTo("{}");
    }
}
