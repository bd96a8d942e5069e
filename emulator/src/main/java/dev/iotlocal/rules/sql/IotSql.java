package dev.iotlocal.rules.sql;

import java.util.Objects;
import java.util.Optional;

/**
 * A parsed AWS IoT rule statement, ready to run against messages. Immutable and thread-safe.
 *
 * <pre>{@code
 * IotSql sql = IotSql.parse("SELECT temp, topic(2) AS device FROM 'sensors/+/data' WHERE temp > 30",
 *         SqlVersion.V2016_03_23);
 * if (sql.from().matches(topic)) {
 *     sql.apply(message).ifPresent(json -> ...);
 * }
 * }</pre>
 */
public final class IotSql {

    private static final byte[] EMPTY = new byte[0];

    private final String sql;
    private final SqlVersion version;
    private final Query query;

    private IotSql(String sql, SqlVersion version, Query query) {
        this.sql = sql;
        this.version = version;
        this.query = query;
    }

    /**
     * Parses a rule's SQL as AWS IoT would when the rule is created.
     *
     * @param version the rule's SQL version; null means AWS's default, 2015-10-08
     * @throws SqlParseException with line, column and a hint when AWS would refuse the statement, when it
     *                           calls a function iotlocal does not emulate (aws_lambda, get_dynamodb, ...),
     *                           or an unknown function
     */
    public static IotSql parse(String sql, SqlVersion version) throws SqlParseException {
        Objects.requireNonNull(sql, "sql");
        SqlVersion v = version == null ? SqlVersion.V2015_10_08 : version;
        return new IotSql(sql, v, new Parser(sql, v).statement());
    }

    /** The FROM topic filter; the caller sends the rule only messages whose topic it matches. */
    public TopicFilter from() {
        return query.topic();
    }

    public SqlVersion version() {
        return version;
    }

    /** The statement as written. */
    public String sql() {
        return sql;
    }

    /**
     * Runs the statement on one message (the topic is not checked here: see {@link #from()}).
     *
     * @return empty when WHERE is not true (false or Undefined), or when a 2015-10-08 {@code SELECT VALUE}
     *         gives an array, which only 2016-03-23 can output; otherwise the SELECT result as UTF-8 JSON.
     *         {@code SELECT *} and {@code SELECT VALUE *} give the payload bytes unchanged (JSON or not);
     *         a {@code SELECT VALUE} that is Undefined gives an empty payload (AWS serializes a lone
     *         Undefined as the empty string). With a payload that is not a JSON object, {@code *} among
     *         other items adds no keys.
     */
    public Optional<byte[]> apply(MessageContext message) {
        Objects.requireNonNull(message, "message");
        byte[] raw = message.payload() == null ? EMPTY : message.payload();
        Scope scope = new Scope(JsonCodec.parse(raw, version), raw, message, version);
        if (!Evaluator.holds(query.where(), scope)) {
            return Optional.empty();
        }
        if (query.isStarOnly() || (query.valueOnly() && query.items().get(0).expr() instanceof Expr.Star)) {
            return Optional.of(raw.clone());
        }
        Value result = Evaluator.select(query, scope);
        if (result instanceof Value.Arr && !version.atLeast2016()) {
            return Optional.empty();
        }
        return Optional.of(JsonCodec.writeBytes(result));
    }

    @Override
    public String toString() {
        return "IotSql[" + version.awsName() + "] " + sql;
    }
}
