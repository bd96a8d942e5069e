package dev.iotlocal.rules.sql;

import java.util.List;

/** The immutable syntax tree of an IoT SQL expression. Functions are resolved while parsing. */
sealed interface Expr {

    /** A constant: number, string, true, false or null. */
    record Literal(Value value) implements Expr {
    }

    /** A key of the current document: the payload, or the element a nested SELECT is reading. */
    record Attr(String name) implements Expr {
    }

    /** {@code base.key}. */
    record Path(Expr base, String key) implements Expr {
    }

    /** {@code *}: the whole current document. */
    record Star() implements Expr {
    }

    record Call(FunctionDef function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code cast(value AS type)}. */
    record Cast(Expr value, Conversions.CastType type) implements Expr {
    }

    /** Unary minus. */
    record Negate(Expr operand) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record Binary(Operators.Op op, Expr left, Expr right) implements Expr {
    }

    /** {@code CASE [subject] WHEN .. THEN .. [ELSE ..] END}; without a subject each WHEN is a condition. */
    record Case(Expr subject, List<When> whens, Expr otherwise) implements Expr {
        public Case {
            whens = List.copyOf(whens);
        }
    }

    record When(Expr test, Expr result) {
    }

    /** {@code {'key': expr, ...}} (2016-03-23). */
    record ObjectLiteral(List<Entry> entries) implements Expr {
        public ObjectLiteral {
            entries = List.copyOf(entries);
        }
    }

    record Entry(String key, Expr value) {
    }

    /** {@code [expr, ...]} (2016-03-23). */
    record ArrayLiteral(List<Expr> items) implements Expr {
        public ArrayLiteral {
            items = List.copyOf(items);
        }
    }

    /** {@code (SELECT ... FROM attribute [WHERE ..])} (2016-03-23). */
    record Subquery(Query query) implements Expr {
    }
}
