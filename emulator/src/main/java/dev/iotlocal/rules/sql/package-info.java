/**
 * AWS IoT rule SQL: a hand-written tokenizer ({@code Lexer}), recursive-descent parser ({@code Parser},
 * {@code ExprParser}, {@code CallParser}, {@code LiteralParser}), immutable syntax tree ({@code Expr},
 * {@code Query}) and evaluator ({@code Evaluator}, {@code Operators}, {@code Conversions}, the
 * {@code *Functions} classes). Public types: {@link dev.iotlocal.rules.sql.IotSql},
 * {@link dev.iotlocal.rules.sql.SqlVersion}, {@link dev.iotlocal.rules.sql.MessageContext},
 * {@link dev.iotlocal.rules.sql.SqlParseException}, {@link dev.iotlocal.rules.sql.TopicFilter}, and
 * {@link dev.iotlocal.rules.sql.SqlExpression} (one expression on its own, for substitution templates).
 *
 * <h2>Supported</h2>
 * {@code SELECT <* | expr [AS name], ... | VALUE expr> FROM '<topic filter>' [WHERE cond]}; literals
 * (strings in single or double quotes with a doubled quote as escape, Int, Decimal, true, false, null;
 * object and array literals in 2016-03-23); {@code a.b.c}; AND OR NOT, = <> < <= > >=, + - * / %, unary
 * minus, parentheses; simple and searched CASE; {@code cast(x AS type)}; nested {@code (SELECT ... FROM
 * attribute [WHERE ...])} in 2016-03-23; all functions of AWS's list that call no other AWS service,
 * including transform. Keywords and function names are case-insensitive, keys are case-sensitive.
 *
 * <h2>Refused at parse time (SqlParseException with line, column and hint)</h2>
 * Anything AWS would refuse as well as: functions that call other AWS services (aws_lambda, get_dynamodb,
 * get_secret, get_thing_shadow, get_registry_data, machinelearning_predict: "not supported by iotlocal");
 * unknown functions (never a silent Undefined); wrong argument counts; functions, cast types and syntax
 * of 2016-03-23 in a 2015-10-08 rule; {@code arr[n]} (AWS documents only get()); comments;
 * backquoted names; {@code !=}, {@code ==}; an encode/decode scheme other than the literal 'base64';
 * keywords as bare names (read such keys with {@code get(*, 'value')}; after '.' and AS they are allowed).
 *
 * <h2>Choices where AWS's reference contradicts itself or is silent</h2>
 * Each is pinned by a named test in {@code ContradictionsTest}.
 * <ul>
 * <li>round: halves away from zero, as the examples (the table says "rounded down").</li>
 * <li>get("abc", 1) is "b": 0-based like the table and the array example (the string example says "a").</li>
 * <li>bitnot(13) is -14, two's complement (the example's 2 fits no integer width); bitxor(13, 5) = 8
 *     (the page writes that example as bitor).</li>
 * <li>atan2(y, x), as the example atan2(1, 0) = pi/2 (the text says (x, y)).</li>
 * <li>cast of a String to String keeps it (the table row is a copy of the Boolean one); cast(null AS Int)
 *     is Undefined, per the cast table (the conversion table says Null).</li>
 * <li>concat(1) is "1", per the example (the table says "returned unmodified"); concat(1, 2) is "12".</li>
 * <li>AND/OR: any operand that is not a Boolean or "true"/"false" gives Undefined, even when the other
 *     would decide: no short-circuit, as the tables list none.</li>
 * <li>2016-03-23 processes whole decimals as Int everywhere (payload, literals, results), so 7 / 2.0 is 3;
 *     in 2015-10-08 it is 3.5.</li>
 * <li>Int division truncates toward zero, % and mod take the dividend's sign (Java); division by zero is
 *     Undefined.</li>
 * <li>indexof without a match is -1; regexp_substr without a match is Undefined.</li>
 * <li>A nested SELECT over an array gives an array of the results (empty when nothing matches); over an
 *     object it gives the one result (Undefined when WHERE fails).</li>
 * <li>Output names without AS: an attribute path gives its last key ({@code SELECT a.b} gives "b"), a
 *     function call its name ({@code timestamp()} gives "timestamp"), anything else "_" plus the item's
 *     1-based position. {@code AS a.b} nests: {"a":{"b":..}}.</li>
 * <li>"Rounded down" in the cast, bitwise, chr, lpad/rpad and substring tables means floor; the implicit
 *     conversion to Int (get's index) rounds a Decimal to nearest and truncates a numeric String, as the
 *     conversion table says.</li>
 * <li>Strings convert to numbers only when they match AWS's pattern {@code -?\d+(\.\d+)?(E-?\d+)?}
 *     (case-insensitive E): ".5", "+5", " 5", "5E+3" are not numbers.</li>
 * <li>SELECT VALUE of Undefined gives an empty payload; in 2015-10-08 a SELECT VALUE that gives an array
 *     produces no output (only 2016-03-23 outputs top-level arrays).</li>
 * <li>SELECT * and SELECT VALUE * return the payload bytes unchanged, JSON or not. With a payload that is
 *     not a JSON object, * among other items adds no keys. encode(*, 'base64') encodes the raw bytes.</li>
 * <li>Numbers: Int up to 34 digits (beyond: a 34-digit Decimal); Decimal with 34 digits between 1E-999
 *     and 9.99E999 (beyond: Undefined); double results that are NaN or infinite (sqrt(-1), acos(2)) are
 *     Undefined, so nanvl sees them as Undefined.</li>
 * <li>Typos in AWS's examples (47.696/47.606, Ltrim(" h i ") = "hi ", unquoted FROM topics) are not
 *     reproduced: unquoted topics are refused with "put the topic filter in single quotes".</li>
 * <li>Names may contain digits after the first character (AWS's transform example reads
 *     attributes.data1), despite the JSON page's remark on "item2".</li>
 * <li>parse_time takes Joda-Time patterns, read with java.time after translating Joda's Y and x;
 *     time_to_epoch takes java.time patterns, UTC when the text has no zone.</li>
 * <li>Limits: expressions nest at most 100 deep, aliases have at most 100 parts, payloads deeper than 500
 *     levels are not read as JSON; together they keep every output writable.</li>
 * </ul>
 */
package dev.iotlocal.rules.sql;
