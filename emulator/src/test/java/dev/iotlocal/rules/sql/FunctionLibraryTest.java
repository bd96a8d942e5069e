package dev.iotlocal.rules.sql;

import static dev.iotlocal.rules.sql.Sql.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/** The library as a whole, and the functions whose results cannot be written in the example table. */
class FunctionLibraryTest {

    /** Every function of AWS's list that calls no other AWS service. */
    private static final Set<String> AWS_LOCAL_FUNCTIONS = Set.of("abs", "acos", "asin", "atan", "atan2", "ceil", "cos",
            "cosh", "exp", "floor", "ln", "log", "mod", "power", "rand", "remainder", "round", "sign", "sin", "sinh",
            "sqrt", "tan", "tanh", "trunc", "bitand", "bitor", "bitxor", "bitnot", "chr", "concat", "endswith",
            "indexof", "length", "lower", "lpad", "ltrim", "numbytes", "regexp_matches", "regexp_replace",
            "regexp_substr", "replace", "rpad", "rtrim", "startswith", "substring", "trim", "upper", "isnull",
            "isundefined", "nanvl", "get", "encode", "decode", "md2", "md5", "sha1", "sha224", "sha256", "sha384",
            "sha512", "accountid", "clientid", "principal", "topic", "traceid", "timestamp", "newuuid", "sql_version",
            "parse_time", "time_to_epoch", "transform");

    @Test
    void everyLocalAwsFunctionIsImplemented() {
        assertThat(Functions.names()).containsExactlyInAnyOrderElementsOf(AWS_LOCAL_FUNCTIONS);
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(value("ABS(-1)", SqlVersion.V2015_10_08)).isEqualTo("1");
        assertThat(value("IsNull(null)", SqlVersion.V2015_10_08)).isEqualTo("true");
        assertThat(value("CAST(1 as STRING)", SqlVersion.V2015_10_08)).isEqualTo("\"1\"");
    }

    @Test
    void randIsADoubleBetweenZeroAndOne() {
        for (int i = 0; i < 100; i++) {
            BigDecimal r = new BigDecimal(value("rand()", SqlVersion.V2015_10_08));
            assertThat(r).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        }
    }

    @Test
    void newuuidIsARandomUuid() {
        String a = value("newuuid()", SqlVersion.V2015_10_08).replace("\"", "");
        String b = value("newuuid()", SqlVersion.V2015_10_08).replace("\"", "");
        assertThat(UUID.fromString(a).version()).isEqualTo(4);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void contextFunctionsWithoutValues() throws SqlParseException {
        IotSql sql = IotSql.parse("SELECT clientid() AS c, traceid() AS t, principal() AS p, accountid() AS a, topic() AS topic "
                + "FROM '#'", SqlVersion.V2015_10_08);
        MessageContext http = new MessageContext(null, null, null, null, 0L, null, null);
        // AWS: clientid() is "n/a" and traceid() Undefined when the message did not come over MQTT.
        assertThat(new String(sql.apply(http).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"c\":\"n/a\"}");
    }

    @Test
    void mathOnHugeValuesStaysCheap() {
        assertThatCode(() -> {
            assertThat(value("9.99E999 % 1E-999", SqlVersion.V2015_10_08)).isEqualTo("0"); // exact
            assertThat(value("9.99E999 % 7E-999", SqlVersion.V2015_10_08)).isEmpty(); // quotient beyond 34 digits
            assertThat(value("ceil(9.99E999)", SqlVersion.V2015_10_08)).isEmpty();
            assertThat(value("9.99E999 * 10", SqlVersion.V2015_10_08)).isEmpty();
            assertThat(value("trunc(9.99E999, 34)", SqlVersion.V2015_10_08)).startsWith("9.99");
            assertThat(value("lpad('x', 1E999)", SqlVersion.V2015_10_08)).hasSize(1003);
        }).doesNotThrowAnyException();
    }

    @Test
    void jodaLettersAreTranslated() {
        assertThat(ContextFunctions.fromJoda("YYYY-xxxx 'Y'")).isEqualTo("yyyy-YYYY 'Y'");
        assertThat(value("parse_time('YYYY', 0)", SqlVersion.V2016_03_23)).isEqualTo("\"1970\"");
    }
}
