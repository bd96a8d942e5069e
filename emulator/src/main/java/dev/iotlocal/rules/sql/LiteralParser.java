package dev.iotlocal.rules.sql;

import dev.iotlocal.rules.sql.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/** Object {@code {'k': v}} and array {@code [a, b]} literals, which need SQL version 2016-03-23. */
final class LiteralParser {

    private final Parser p;
    private final ExprParser exprs;
    private final Lexer lex;

    LiteralParser(Parser parser, ExprParser exprs) {
        this.p = parser;
        this.exprs = exprs;
        this.lex = parser.lexer();
    }

    Expr object() throws SqlParseException {
        Token open = lex.next();
        if (!p.version().atLeast2016()) {
            throw p.versionError(open, "object literals");
        }
        List<Expr.Entry> entries = new ArrayList<>();
        if (!p.accept(Kind.RBRACE)) {
            do {
                Token key = lex.peek();
                if (!key.is(Kind.STRING)) {
                    throw p.error(key, "an object key must be a quoted string, not " + key.describe(),
                            "write {'key': value}");
                }
                lex.next();
                Token colon = lex.peek();
                if (!colon.is(Kind.COLON)) {
                    throw p.error(colon, "expected ':' after the key " + key.text() + " but found " + colon.describe(),
                            "write {'key': value}");
                }
                lex.next();
                entries.add(new Expr.Entry(key.value(), exprs.expression()));
            } while (p.accept(Kind.COMMA));
            closing(open, Kind.RBRACE, "}");
        }
        return new Expr.ObjectLiteral(entries);
    }

    Expr array() throws SqlParseException {
        Token open = lex.next();
        if (!p.version().atLeast2016()) {
            throw p.versionError(open, "array literals");
        }
        List<Expr> items = new ArrayList<>();
        if (!p.accept(Kind.RBRACKET)) {
            do {
                items.add(exprs.expression());
            } while (p.accept(Kind.COMMA));
            closing(open, Kind.RBRACKET, "]");
        }
        return new Expr.ArrayLiteral(items);
    }

    private void closing(Token open, Kind kind, String symbol) throws SqlParseException {
        Token t = lex.peek();
        if (!t.is(kind)) {
            throw p.error(t, "expected ',' or '" + symbol + "' in the literal opened at column "
                    + lex.column(open.offset()) + " but found " + t.describe(), "separate items with commas and close with " + symbol);
        }
        lex.next();
    }
}
