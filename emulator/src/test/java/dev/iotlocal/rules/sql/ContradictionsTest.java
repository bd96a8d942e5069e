package dev.iotlocal.rules.sql;

import static dev.iotlocal.rules.sql.Sql.run;
import static dev.iotlocal.rules.sql.Sql.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Where AWS's IoT SQL reference contradicts itself or says nothing (spec section 8), the choice made,
 * pinned. The rule: a worked example beats a table, unless the example is impossible or contradicts
 * another example, in which case the reading that keeps the pages consistent wins.
 */
class ContradictionsTest {

    private static final SqlVersion V1 = SqlVersion.V2015_10_08;
    private static final SqlVersion V2 = SqlVersion.V2016_03_23;

    @Nested
    @DisplayName("contradictions inside AWS's pages")
    class Contradictions {

        @Test
        @DisplayName("round: the table says 'rounded down', the examples round halves away from zero; examples win")
        void roundHalvesAwayFromZero() {
            assertThat(value("round(-1.5)", V1)).isEqualTo("-2");
            assertThat(value("round(1.5)", V1)).isEqualTo("2");
            assertThat(value("round(2.5)", V1)).isEqualTo("3");
            assertThat(value("round(-1.1)", V1)).isEqualTo("-1");
        }

        @Test
        @DisplayName("get(\"abc\", 1): the example says \"a\" but the table and get([\"a\",\"b\",\"c\"], 1) = \"b\" are 0-based; 0-based wins")
        void getIsZeroBasedForStringsToo() {
            assertThat(value("get('abc', 1)", V1)).isEqualTo("\"b\"");
            assertThat(value("get('abc', 0)", V1)).isEqualTo("\"a\"");
            assertThat(run("SELECT VALUE get(arr, 1) FROM '#'", V1, "{\"arr\":[\"a\",\"b\",\"c\"]}")).isEqualTo("\"b\"");
        }

        @Test
        @DisplayName("bitnot(13): the example's 2 fits no integer width; iotlocal gives two's complement -14")
        void bitnotIsTwosComplement() {
            assertThat(value("bitnot(13)", V1)).isEqualTo("-14");
            assertThat(value("bitnot(-14)", V1)).isEqualTo("13");
            assertThat(value("bitnot(bitnot(13))", V1)).isEqualTo("13");
        }

        @Test
        @DisplayName("bitxor: its example is written bitor(13, 5) = 8; that is bitxor's result, bitor(13, 5) is 13")
        void bitxorExampleIsATypo() {
            assertThat(value("bitxor(13, 5)", V1)).isEqualTo("8");
            assertThat(value("bitor(13, 5)", V1)).isEqualTo("13");
        }

        @Test
        @DisplayName("atan2: the text says (x, y), the example atan2(1, 0) = pi/2 means (y, x); the example wins")
        void atan2TakesYThenX() {
            assertThat(value("atan2(1, 0)", V1)).isEqualTo("1.5707963267948966");
            assertThat(value("atan2(0, 1)", V1)).isEqualTo("0.0");
        }

        @Test
        @DisplayName("cast to String: the String row is a copy of the Boolean table; a String stays the same String")
        void castStringToStringKeepsTheString() {
            assertThat(value("cast('abc' AS String)", V1)).isEqualTo("\"abc\"");
            assertThat(value("cast('TRUE' AS String)", V1)).isEqualTo("\"TRUE\"");
        }

        @Test
        @DisplayName("cast(null AS Int): Undefined per the cast table, not Null per the conversion table")
        void castNullIsUndefined() {
            assertThat(value("isUndefined(cast(null AS Int))", V2)).isEqualTo("true");
            assertThat(value("cast(null AS String)", V1)).isEmpty();
        }

        @Test
        @DisplayName("concat(1): the table says 'returned unmodified', the example says \"1\"; the example wins")
        void concatOfOneValueIsItsString() {
            assertThat(value("concat(1)", V1)).isEqualTo("\"1\"");
            assertThat(value("concat(1, 2)", V1)).isEqualTo("\"12\"");
            assertThat(run("SELECT VALUE concat(arr) FROM '#'", V2, "{\"arr\":[1]}")).isEqualTo("[1]");
        }

        @Test
        @DisplayName("AND/OR: Undefined in the tables, no short-circuit: false AND undefined is Undefined")
        void andOrWithUndefinedAreUndefined() {
            assertThat(value("false AND missing", V1)).isEmpty();
            assertThat(value("true OR missing", V1)).isEmpty();
            assertThat(value("missing OR true", V1)).isEmpty();
            assertThat(run("SELECT * FROM '#' WHERE a = 1 OR missing = 1", V1, "{\"a\":1}")).isNull();
        }

        @Test
        @DisplayName("7 / 2.0: 2016-03-23 processes 2.0 as the Int 2, so Int division gives 3; 2015-10-08 gives 3.5")
        void wholeDecimalsAreIntsIn2016() {
            assertThat(value("7 / 2.0", V2)).isEqualTo("3");
            assertThat(value("7 / 2.0", V1)).isEqualTo("3.5");
            assertThat(value("7 / 2.5", V2)).isEqualTo("2.8");
            assertThat(run("SELECT VALUE x / 2 FROM '#'", V2, "{\"x\": 7.0}")).isEqualTo("3");
            assertThat(value("cast(10 AS Decimal)", V2)).isEqualTo("10");
        }
    }

    @Nested
    @DisplayName("points AWS leaves open")
    class Unspecified {

        @Test
        @DisplayName("negative Int division truncates toward zero; % and mod take the sign of the dividend (as Java)")
        void negativeDivisionAndMod() {
            assertThat(value("-7 / 2", V1)).isEqualTo("-3");
            assertThat(value("7 / -2", V1)).isEqualTo("-3");
            assertThat(value("-7 % 3", V1)).isEqualTo("-1");
            assertThat(value("7 % -3", V1)).isEqualTo("1");
            assertThat(value("mod(-7, 3)", V1)).isEqualTo("-1");
            assertThat(value("remainder(-7, 3)", V1)).isEqualTo("-1");
        }

        @Test
        @DisplayName("indexof without a match gives -1")
        void indexofNotFound() {
            assertThat(value("indexof('abc', 'x')", V2)).isEqualTo("-1");
        }

        @Test
        @DisplayName("a nested SELECT over an array with no match gives [] (over an object: Undefined)")
        void nestedSelectWithoutMatch() {
            String payload = "{\"e\":[{\"n\":\"a\"}],\"o\":{\"n\":\"a\"}}";
            assertThat(run("SELECT (SELECT VALUE n FROM e WHERE n = 'b') AS r FROM '#'", V2, payload)).isEqualTo("{\"r\":[]}");
            assertThat(run("SELECT (SELECT n FROM o WHERE n = 'b') AS r FROM '#'", V2, payload)).isEqualTo("{}");
        }

        @Test
        @DisplayName("SELECT a.b without AS is named by its last key: {\"b\": ...}")
        void pathWithoutAlias() {
            assertThat(run("SELECT a.b FROM '#'", V1, "{\"a\":{\"b\":1}}")).isEqualTo("{\"b\":1}");
            assertThat(run("SELECT a.b.c, x.c FROM '#'", V1, "{\"a\":{\"b\":{\"c\":1}},\"x\":{\"c\":2}}"))
                    .as("the later item wins a name clash").isEqualTo("{\"c\":2}");
        }

        @Test
        @DisplayName("a function call without AS is named by the function; other expressions by '_' and position")
        void expressionsWithoutAlias() {
            assertThat(run("SELECT timestamp(), topic(1), 1 + 1, 'x' FROM '#'", V1, "{}"))
                    .isEqualTo("{\"timestamp\":" + Sql.TIMESTAMP + ",\"topic\":\"topic\",\"_3\":2,\"_4\":\"x\"}");
        }

        @Test
        @DisplayName("arr[n] is not AWS IoT SQL: refused with a hint to use get(arr, n)")
        void arrayIndexSyntax() {
            SqlParseException e = catchThrowableOfType(SqlParseException.class, () -> IotSql.parse("SELECT arr[0] FROM '#'", V2));
            assertThat(e.hint()).contains("get(array, 0)");
        }

        @Test
        @DisplayName("strings like '.5', '+5', ' 5' and '5E+3' are not numbers: AWS's pattern -?\\d+(\\.\\d+)?(E-?\\d+)? decides")
        void numericStrings() {
            assertThat(value("abs('.5')", V1)).isEmpty();
            assertThat(value("abs('+5')", V1)).isEmpty();
            assertThat(value("abs(' 5')", V1)).isEmpty();
            assertThat(value("abs('5E+3')", V1)).isEmpty();
            assertThat(value("abs('5e-3')", V1)).isEqualTo("0.005");
            assertThat(value("'-0.5' < 0", V1)).isEqualTo("true");
        }

        @Test
        @DisplayName("'rounded down' in the cast, bitwise, chr, pad and substring tables means floor, as on AWS's floor page")
        void roundedDownIsFloor() {
            assertThat(value("cast(-1.5 AS Int)", V1)).isEqualTo("-2");
            assertThat(value("bitand(-1.5, -1)", V1)).isEqualTo("-2");
            assertThat(value("substring('abc', '1.9')", V1)).isEqualTo("\"bc\"");
        }

        @Test
        @DisplayName("get's index uses the conversion table: a Decimal is rounded to nearest, a String truncated")
        void implicitIntConversion() {
            String arr = "{\"a\":[10,20,30]}";
            assertThat(run("SELECT VALUE get(a, 1.5) FROM '#'", V1, arr)).isEqualTo("30");
            assertThat(run("SELECT VALUE get(a, '1.7') FROM '#'", V1, arr)).isEqualTo("20");
        }

        @Test
        @DisplayName("regexp_substr without a match is Undefined")
        void regexpSubstrNoMatch() {
            assertThat(value("regexp_substr('abc', 'x')", V1)).isEmpty();
        }

        @Test
        @DisplayName("SELECT VALUE of Undefined gives an empty payload (AWS: a lone Undefined serializes as \"\")")
        void valueOfUndefined() {
            assertThat(run("SELECT VALUE missing FROM '#'", V1, "{}")).isEmpty();
        }

        @Test
        @DisplayName("SELECT VALUE of an array in 2015-10-08 gives no output: only 2016-03-23 can output a top-level array")
        void topLevelArrayIn2015() {
            assertThat(run("SELECT VALUE a FROM '#'", V1, "{\"a\":[1]}")).isNull();
            assertThat(run("SELECT VALUE a FROM '#'", V2, "{\"a\":[1]}")).isEqualTo("[1]");
        }

        @Test
        @DisplayName("AS bar.baz (AWS's JSON page) nests: {\"bar\":{\"baz\":...}}, and items sharing a prefix merge")
        void dottedAliasNests() {
            assertThat(run("SELECT a AS o.x, b AS o.y FROM '#'", V1, "{\"a\":1,\"b\":2}")).isEqualTo("{\"o\":{\"x\":1,\"y\":2}}");
        }

        @Test
        @DisplayName("SELECT * passes the payload bytes through untouched, even 10.0 in 2016-03-23")
        void starKeepsBytes() {
            String payload = "{ \"x\" : 10.0 }";
            assertThat(run("SELECT * FROM '#'", V2, payload)).isEqualTo(payload);
            assertThat(run("SELECT *, 1 AS y FROM '#'", V2, payload)).isEqualTo("{\"x\":10,\"y\":1}");
        }

        @Test
        @DisplayName("with a payload that is not a JSON object, * among other items adds no keys")
        void starOverNonObject() {
            assertThat(run("SELECT *, 1 AS y FROM '#'", V1, "raw bytes")).isEqualTo("{\"y\":1}");
            assertThat(run("SELECT *, 1 AS y FROM '#'", V1, "[1,2]")).isEqualTo("{\"y\":1}");
        }

        @Test
        @DisplayName("double-quoted text is a string (AWS's examples: = \"myValue\"), but never a topic filter")
        void doubleQuotes() {
            assertThat(value("\"a\" = 'a'", V1)).isEqualTo("true");
            assertThat(catchThrowableOfType(SqlParseException.class, () -> IotSql.parse("SELECT * FROM \"a\"", V1)).hint())
                    .contains("single quotes");
        }

        @Test
        @DisplayName("names may contain digits (AWS's transform example reads attributes.data1) despite the JSON page's item2 remark")
        void digitsInNames() {
            assertThat(run("SELECT mydata.item2 AS x FROM '#'", V1, "{\"mydata\":{\"item2\":5}}")).isEqualTo("{\"x\":5}");
        }
    }

    @Nested
    @DisplayName("typos in AWS's examples")
    class Typos {

        @Test
        @DisplayName("literals page: input 47.696, output 47.606; the value is passed through unchanged")
        void literalExampleTypo() {
            assertThat(run("SELECT [lat,long] AS lat_long FROM '#'", V2, "{\"lat\": 47.696, \"long\": -122.332}"))
                    .isEqualTo("{\"lat_long\":[47.696,-122.332]}");
        }

        @Test
        @DisplayName("JSON page: FROM topic/# and FROM iot/rules are unquoted; such statements are refused")
        void unquotedFromTopicsAreRefused() {
            assertThat(catchThrowableOfType(SqlParseException.class,
                    () -> IotSql.parse("SELECT * from iot/rules WHERE mydata.item2.0.my-key= \"myValue\"", V1)).column())
                    .isEqualTo(15);
        }

        @Test
        @DisplayName("Ltrim(\" h i \") is \"h i \", not the page's \"hi \": only leading blanks go")
        void ltrimTypo() {
            assertThat(value("ltrim(' h i ')", V1)).isEqualTo("\"h i \"");
        }

        @Test
        @DisplayName("topics.md: sensor/# does not match sensor, unlike MQTT 3.1.1")
        void sensorHash() {
            TopicFilter f = TopicFilter.parse("sensor/#");
            assertThat(f.matches("sensor")).isFalse();
            assertThat(f.matches("sensor/")).isTrue();
            assertThat(f.matches("sensor/temperature/room1")).isTrue();
        }
    }
}
