package dev.iotlocal.rules.sql;

import dev.iotlocal.rules.sql.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Function calls: name resolution, refusals, argument counts, and {@code cast(x AS type)}. */
final class CallParser {

    private final Parser p;
    private final ExprParser exprs;
    private final Lexer lex;

    CallParser(Parser parser, ExprParser exprs) {
        this.p = parser;
        this.exprs = exprs;
        this.lex = parser.lexer();
    }

    /** {@code name(args)}, the name being the next token. */
    Expr call() throws SqlParseException {
        Token name = lex.next();
        String lower = name.text().toLowerCase(Locale.ROOT);
        if (lower.equals("cast")) {
            return cast(name);
        }
        FunctionDef fn = Functions.lookup(lower);
        if (fn == null) {
            if (Functions.isExternal(lower)) {
                throw p.error(name, "the function " + lower + "() is not supported by iotlocal",
                        "it calls another AWS service; do that work in the Lambda function the rule invokes");
            }
            String near = Functions.closest(lower);
            throw p.error(name, "unknown function " + name.text() + "()",
                    near != null ? "did you mean " + near + "()?" : "see the function list of AWS's IoT SQL reference");
        }
        if (fn.needs2016() && !p.version().atLeast2016()) {
            throw p.error(name, "the function " + fn.name() + "() needs SQL version 2016-03-23",
                    "set the rule's SQL version to 2016-03-23");
        }
        Token open = lex.next();
        List<Expr> args = new ArrayList<>();
        List<Token> starts = new ArrayList<>();
        if (!lex.peek().is(Kind.RPAREN)) {
            do {
                Token start = lex.peek();
                starts.add(start);
                args.add(argument(fn));
            } while (p.accept(Kind.COMMA));
        }
        exprs.close(open, "call of " + fn.name() + "()");
        if (args.size() < fn.minArgs() || args.size() > fn.maxArgs()) {
            throw p.error(name, fn.name() + "() takes " + fn.arityText() + " but was given " + args.size(),
                    "write " + fn.usage());
        }
        if (fn.name().equals("encode") || fn.name().equals("decode")) {
            checkScheme(fn, args.get(1), starts.get(1));
        }
        return new Expr.Call(fn, args);
    }

    /** An argument: an expression, or {@code *} standing alone for the whole payload. */
    private Expr argument(FunctionDef fn) throws SqlParseException {
        Token t = lex.peek();
        if (t.is(Kind.STAR) && (lex.peek(1).is(Kind.COMMA) || lex.peek(1).is(Kind.RPAREN))) {
            lex.next();
            return new Expr.Star();
        }
        if (t.is(Kind.COMMA) || t.is(Kind.RPAREN)) {
            throw p.error(t, "an argument of " + fn.name() + "() is missing", "write " + fn.usage());
        }
        return exprs.expression();
    }

    /** AWS takes the encoding scheme as a literal string and knows only 'base64'. */
    private void checkScheme(FunctionDef fn, Expr scheme, Token at) throws SqlParseException {
        if (!(scheme instanceof Expr.Literal lit && lit.value() instanceof Value.Str s && s.value().equals("base64"))) {
            throw p.error(at, fn.name() + "() supports only the literal scheme 'base64'", "write " + fn.usage());
        }
    }

    /** {@code cast(value AS type)}. */
    private Expr cast(Token name) throws SqlParseException {
        Token open = lex.next();
        if (lex.peek().is(Kind.RPAREN)) {
            throw p.error(lex.peek(), "cast() needs a value and a type", "write cast(value AS Int)");
        }
        Expr value = exprs.expression();
        Token as = lex.peek();
        if (!as.isWord("AS")) {
            throw p.error(as, "expected AS in cast() but found " + as.describe(), "write cast(value AS Int)");
        }
        lex.next();
        Token type = lex.peek();
        Conversions.CastType ct = type.is(Kind.WORD) ? Conversions.CastType.ofKeyword(type.text()) : null;
        if (ct == null) {
            throw p.error(type, "cast() cannot convert to " + type.describe(),
                    "use String, Nvarchar, Text, Ntext, Varchar, Int, Integer, Double"
                            + (p.version().atLeast2016() ? ", Decimal, Bool or Boolean" : "; Decimal and Boolean need SQL version 2016-03-23"));
        }
        if (ct.needs2016 && !p.version().atLeast2016()) {
            throw p.error(type, "cast to " + type.text() + " needs SQL version 2016-03-23",
                    "set the rule's SQL version to 2016-03-23, or cast to Double");
        }
        lex.next();
        exprs.close(open, "cast()");
        return new Expr.Cast(value, ct);
    }
}
