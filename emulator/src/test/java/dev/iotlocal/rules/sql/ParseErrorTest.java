package dev.iotlocal.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** Statements AWS IoT would refuse: each error names the line, the column and a fix. */
class ParseErrorTest {

    private static final SqlVersion V1 = SqlVersion.V2015_10_08;
    private static final SqlVersion V2 = SqlVersion.V2016_03_23;

    /** kind of mistake, statement, version, line, column, words the problem must contain. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                row("empty statement", "", V1, 1, 1, "empty"),
                row("only white space", "   \n  ", V1, 2, 3, "empty"),
                row("not a SELECT", "UPDATE things SET a = 1", V1, 1, 1, "must start with SELECT"),
                row("nothing selected", "SELECT FROM 'a'", V1, 1, 8, "SELECT lists nothing"),
                row("no FROM", "SELECT a", V1, 1, 9, "expected FROM"),
                row("unquoted topic", "SELECT * FROM topic/subtopic", V1, 1, 15, "single quotes"),
                row("double-quoted topic", "SELECT * FROM \"topic/subtopic\"", V1, 1, 15, "double quotes"),
                row("FROM without topic", "SELECT * FROM", V1, 1, 14, "not followed by a topic filter"),
                row("empty topic filter", "SELECT * FROM ''", V1, 1, 16, "cannot be empty"),
                row("# not last", "SELECT * FROM 'a/#/b'", V1, 1, 18, "'#' must be the last level"),
                row("+ inside a level", "SELECT * FROM 'a/b+'", V1, 1, 19, "'+' must be the only character"),
                row("# inside a level", "SELECT * FROM 'a/b#'", V1, 1, 19, "'#' must be the only character"),
                row("unclosed string", "SELECT a FROM 'a/b", V1, 1, 15, "never closed"),
                row("text after FROM", "SELECT * FROM 'a' LIMIT 1", V1, 1, 19, "after the FROM clause"),
                row("text after WHERE", "SELECT a FROM 'x' WHERE a = 1 b", V1, 1, 31, "after the WHERE condition"),
                row("WHERE without condition", "SELECT * FROM 'a' WHERE", V1, 1, 24, "not followed by a condition"),
                row("unknown function", "SELECT foo(1) FROM 'a'", V1, 1, 8, "unknown function foo()"),
                row("service function", "SELECT aws_lambda('arn', *) FROM 'a'", V2, 1, 8, "not supported by iotlocal"),
                row("service function in WHERE", "SELECT * FROM 'a' WHERE get_thing_shadow('t', 'r').x = 1", V2, 1, 25,
                        "get_thing_shadow() is not supported by iotlocal"),
                row("too few arguments", "SELECT substring('a') FROM 'a'", V1, 1, 8, "takes 2 or 3 arguments but was given 1"),
                row("too many arguments", "SELECT abs(1, 2) FROM 'a'", V1, 1, 8, "takes 1 argument but was given 2"),
                row("argument missing", "SELECT abs(,1) FROM 'x'", V1, 1, 12, "an argument of abs() is missing"),
                row("unclosed call", "SELECT abs(1 FROM 'a'", V1, 1, 14, "expected ')'"),
                row("stray ')'", "SELECT a) FROM 'a'", V1, 1, 9, "expected FROM but found ')'"),
                row("illegal character", "SELECT a @ b FROM 'a'", V1, 1, 10, "unexpected character '@'"),
                row("semicolon", "SELECT * FROM 'a';", V1, 1, 18, "unexpected ';'"),
                row("backquoted name", "SELECT `my-key` FROM 'a'", V1, 1, 8, "backquoted"),
                row("comment", "SELECT a -- the a\nFROM 'a'", V1, 1, 10, "comments are not supported"),
                row("!= operator", "SELECT * FROM 'a' WHERE a != 1", V1, 1, 27, "'!='"),
                row("== operator", "SELECT * FROM 'a' WHERE a == 1", V1, 1, 27, "'=='"),
                row("&& operator", "SELECT * FROM 'a' WHERE a && b", V1, 1, 27, "'&'"),
                row("CASE without WHEN", "SELECT CASE a ELSE 1 END FROM 'a'", V1, 1, 15, "at least one WHEN"),
                row("CASE without END", "SELECT CASE a WHEN 1 THEN 2 FROM 'a'", V1, 1, 29, "expected END"),
                row("WHEN without THEN", "SELECT CASE a WHEN 1 2 END FROM 'a'", V1, 1, 22, "expected THEN"),
                row("AS without name", "SELECT a AS FROM 'a'", V1, 1, 13, "AS must be followed by a name"),
                row("trailing comma", "SELECT a, FROM 'a'", V1, 1, 11, "comma is followed by no item"),
                row("alias without AS", "SELECT color my_color FROM 'a'", V1, 1, 14, "after a SELECT item"),
                row("operand missing", "SELECT a + FROM 'a'", V1, 1, 12, "'+' is missing its right-hand value"),
                row("NOT without operand", "SELECT * FROM 'x' WHERE NOT", V1, 1, 28, "'NOT' is missing"),
                row("number without leading digit", "SELECT .5 FROM 'a'", V1, 1, 8, "cannot start with '.'"),
                row("digit key after dot", "SELECT a.0 FROM 'a'", V1, 1, 10, "starts with a digit"),
                row("key of a literal", "SELECT 'a'.b FROM 'x'", V1, 1, 11, "a literal has none"),
                row("array indexing", "SELECT a[0] FROM 'a'", V2, 1, 9, "indexing with []"),
                row("object literal in 2015-10-08", "SELECT {'a': 1} AS o FROM 'a'", V1, 1, 8, "object literals need"),
                row("array literal in 2015-10-08", "SELECT [1] AS o FROM 'a'", V1, 1, 8, "array literals need"),
                row("nested SELECT in 2015-10-08", "SELECT (SELECT a FROM b) AS o FROM 'x'", V1, 1, 8, "nested SELECT"),
                row("2016 function in 2015-10-08", "SELECT indexof('a', 'b') FROM 'x'", V1, 1, 8, "needs SQL version 2016-03-23"),
                row("cast to unknown type", "SELECT cast(a AS Float) FROM 'x'", V1, 1, 18, "cannot convert to 'Float'"),
                row("cast without AS", "SELECT cast(a Int) FROM 'x'", V1, 1, 15, "expected AS in cast()"),
                row("cast to Boolean in 2015-10-08", "SELECT cast(a AS Boolean) FROM 'x'", V1, 1, 18, "needs SQL version"),
                row("encode with another scheme", "SELECT encode(*, 'hex') FROM 'x'", V2, 1, 18, "only the literal scheme 'base64'"),
                row("decode with a computed scheme", "SELECT decode(a, b) FROM 'x'", V2, 1, 18, "only the literal scheme"),
                row("VALUE with two items", "SELECT VALUE a, b FROM 'x'", V1, 1, 15, "exactly one expression"),
                row("VALUE with nothing", "SELECT VALUE FROM 'x'", V1, 1, 14, "SELECT VALUE needs an expression"),
                row("VALUE renamed", "SELECT VALUE a AS b FROM 'x'", V1, 1, 16, "has no name"),
                row("reserved word as a key", "SELECT a FROM 'x' WHERE end = 1", V1, 1, 25, "reserved word END"),
                row("object key not quoted", "SELECT {a: 1} AS o FROM 'x'", V2, 1, 9, "key must be a quoted string"),
                row("object key without colon", "SELECT {'a' 1} AS o FROM 'x'", V2, 1, 13, "expected ':'"),
                row("unclosed array literal", "SELECT [1, 2 FROM 'x'", V2, 1, 14, "expected ',' or ']'"),
                row("Int over 34 digits", "SELECT 12345678901234567890123456789012345 FROM 'x'", V1, 1, 8, "more than 34 digits"),
                row("Decimal out of range", "SELECT 1E1000 FROM 'x'", V1, 1, 8, "outside AWS's Decimal range"),
                row("number runs into a name", "SELECT 5x FROM 'x'", V1, 1, 9, "runs into the name"),
                row("exponent without digits", "SELECT 5e FROM 'x'", V1, 1, 9, "exponent"),
                row("unary plus", "SELECT +5 FROM 'x'", V1, 1, 8, "unary '+'"),
                row("* inside an expression", "SELECT a * * FROM 'x'", V1, 1, 12, "* (the whole payload) cannot be part of an expression"),
                row("* renamed", "SELECT * AS everything FROM 'x'", V1, 1, 10, "* cannot be renamed"),
                row("empty parentheses", "SELECT () FROM 'x'", V1, 1, 9, "parentheses are empty"),
                row("nested SELECT from a topic", "SELECT (SELECT a FROM 'b') FROM 'x'", V2, 1, 23, "not from a topic"),
                row("nesting too deep", "SELECT " + "(".repeat(150) + "1" + ")".repeat(150) + " FROM 'x'", V1, 1, 108,
                        "nested more than 100 levels"),
                row("error on a later line", "SELECT a,\n  b +\nFROM 'x'", V1, 3, 1, "'+' is missing"),
                row("error after a tab", "SELECT a\n\tFROM\t'x' WHERE", V1, 2, 16, "not followed by a condition"));
    }

    private static Arguments row(String kind, String sql, SqlVersion v, int line, int column, String problem) {
        return Arguments.of(kind, sql, v, line, column, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRefusedWithPositionAndHint(String kind, String sql, SqlVersion version, int line, int column, String problem) {
        SqlParseException e = catchThrowableOfType(SqlParseException.class, () -> IotSql.parse(sql, version));

        assertThat(e).as("refused: %s", sql).isNotNull();
        assertThat(e.problem()).contains(problem);
        assertThat(e.hint()).isNotBlank();
        assertThat(new int[] {e.line(), e.column()}).as("line and column of: %s", e.getMessage()).containsExactly(line, column);
        assertThat(e.getMessage()).isEqualTo("line " + line + ", column " + column + ": " + e.problem() + " (" + e.hint() + ")");
    }

    @Test
    void unquotedTopicOfAwsJsonPageIsRefused() {
        // iot-sql-json.md writes "SELECT temp, md5(deviceid) AS hashed_id FROM topic/#": a typo on AWS's page.
        SqlParseException e = catchThrowableOfType(SqlParseException.class,
                () -> IotSql.parse("SELECT temp, md5(deviceid) AS hashed_id FROM topic/#", V1));
        assertThat(e.hint()).contains("put the topic filter in single quotes");
        assertThat(e.column()).isEqualTo(46);
    }

    @Test
    void misspelledFunctionGetsASuggestion() {
        SqlParseException e = catchThrowableOfType(SqlParseException.class, () -> IotSql.parse("SELECT uper(a) FROM 'x'", V1));
        assertThat(e.hint()).isEqualTo("did you mean upper()?");
        SqlParseException far = catchThrowableOfType(SqlParseException.class, () -> IotSql.parse("SELECT zzzzzzz(a) FROM 'x'", V1));
        assertThat(far.hint()).contains("function list");
    }

    @Test
    void everyServiceFunctionIsRefusedByName() {
        for (String fn : Functions.EXTERNAL) {
            SqlParseException e = catchThrowableOfType(SqlParseException.class,
                    () -> IotSql.parse("SELECT " + fn + "('a', 'b', 'c') AS x FROM 'x'", V2));
            assertThat(e.problem()).contains(fn).contains("not supported by iotlocal");
        }
    }

    @Test
    void selectValueNamedKeyHintsAtGet() {
        SqlParseException e = catchThrowableOfType(SqlParseException.class, () -> IotSql.parse("SELECT value FROM 'x'", V1));
        assertThat(e.hint()).contains("get(*, 'value')");
    }
}
