package dev.iotlocal.rules.sql;

import java.util.Objects;
import java.util.Optional;

/**
 * One IoT SQL expression on its own, as a substitution template holds it ({@code ${topic(2)}} in a Republish
 * topic). It is evaluated against the original message, never against the SELECT result, so AS aliases are not
 * visible, as AWS documents. Immutable and thread-safe.
 */
public final class SqlExpression {

    private static final byte[] EMPTY = new byte[0];

    private final String text;
    private final SqlVersion version;
    private final Expr expr;

    private SqlExpression(String text, SqlVersion version, Expr expr) {
        this.text = text;
        this.version = version;
        this.expr = expr;
    }

    /**
     * @param version the rule's SQL version; null means AWS's default, 2015-10-08
     * @throws SqlParseException with line and column within {@code text} and a hint
     */
    public static SqlExpression parse(String text, SqlVersion version) throws SqlParseException {
        Objects.requireNonNull(text, "text");
        SqlVersion v = version == null ? SqlVersion.V2015_10_08 : version;
        return new SqlExpression(text, v, new Parser(text, v).standalone());
    }

    /**
     * The expression's value as text: a String as it is, any other value as its JSON text ({@code 42},
     * {@code true}, {@code {"a":1}}); empty when it is Undefined.
     */
    public Optional<String> evaluateToText(MessageContext message) {
        Objects.requireNonNull(message, "message");
        byte[] raw = message.payload() == null ? EMPTY : message.payload();
        Value value = Evaluator.eval(expr, new Scope(JsonCodec.parse(raw, version), raw, message, version));
        if (value instanceof Value.Undef) {
            return Optional.empty();
        }
        if (value instanceof Value.Str s) {
            return Optional.of(s.value());
        }
        return Optional.of(JsonCodec.write(value));
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "SqlExpression[" + version.awsName() + "] " + text;
    }
}
