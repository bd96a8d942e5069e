package dev.iotlocal.rules.sql;

import dev.iotlocal.rules.sql.Token.Kind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The expression half of {@link Parser}: precedence climbing by one method per level. */
final class ExprParser {

    private final Parser p;
    private final Lexer lex;
    private int depth;

    ExprParser(Parser parser) {
        this.p = parser;
        this.lex = parser.lexer();
    }

    Expr expression() throws SqlParseException {
        Token start = lex.peek();
        if (++depth > Parser.MAX_DEPTH) {
            throw p.error(start, "the expression is nested more than " + Parser.MAX_DEPTH + " levels deep",
                    "split it up or simplify it");
        }
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Expr or() throws SqlParseException {
        Expr left = and();
        while (lex.peek().isWord("OR")) {
            lex.next();
            left = new Expr.Binary(Operators.Op.OR, left, operand(this::and, "OR"));
        }
        return left;
    }

    private Expr and() throws SqlParseException {
        Expr left = not();
        while (lex.peek().isWord("AND")) {
            lex.next();
            left = new Expr.Binary(Operators.Op.AND, left, operand(this::not, "AND"));
        }
        return left;
    }

    private Expr not() throws SqlParseException {
        if (lex.peek().isWord("NOT")) {
            Token t = lex.next();
            nest(t);
            try {
                return new Expr.Not(operand(this::not, "NOT"));
            } finally {
                depth--;
            }
        }
        return comparison();
    }

    private Expr comparison() throws SqlParseException {
        Expr left = additive();
        while (true) {
            Operators.Op op = comparisonOp(lex.peek().kind());
            if (op == null) {
                return left;
            }
            lex.next();
            left = new Expr.Binary(op, left, operand(this::additive, op.symbol));
        }
    }

    private static Operators.Op comparisonOp(Kind k) {
        switch (k) {
            case EQ: return Operators.Op.EQ;
            case NE: return Operators.Op.NE;
            case LT: return Operators.Op.LT;
            case LE: return Operators.Op.LE;
            case GT: return Operators.Op.GT;
            case GE: return Operators.Op.GE;
            default: return null;
        }
    }

    private Expr additive() throws SqlParseException {
        Expr left = multiplicative();
        while (lex.peek().is(Kind.PLUS) || lex.peek().is(Kind.MINUS)) {
            Operators.Op op = lex.next().is(Kind.PLUS) ? Operators.Op.ADD : Operators.Op.SUB;
            left = new Expr.Binary(op, left, operand(this::multiplicative, op.symbol));
        }
        return left;
    }

    private Expr multiplicative() throws SqlParseException {
        Expr left = unary();
        while (true) {
            Kind k = lex.peek().kind();
            Operators.Op op = k == Kind.STAR ? Operators.Op.MUL : k == Kind.SLASH ? Operators.Op.DIV
                    : k == Kind.PERCENT ? Operators.Op.MOD : null;
            if (op == null) {
                return left;
            }
            lex.next();
            left = new Expr.Binary(op, left, operand(this::unary, op.symbol));
        }
    }

    private Expr unary() throws SqlParseException {
        Token t = lex.peek();
        if (t.is(Kind.MINUS)) {
            lex.next();
            nest(t);
            try {
                Expr operand = operand(this::unary, "-");
                if (operand instanceof Expr.Literal lit && (lit.value() instanceof Value.Int || lit.value() instanceof Value.Dec)) {
                    return new Expr.Literal(Operators.negate(lit.value())); // -5 is a number, not an operation
                }
                return new Expr.Negate(operand);
            } finally {
                depth--;
            }
        }
        if (t.is(Kind.PLUS)) {
            throw p.error(t, "a unary '+' is not part of AWS IoT SQL", "remove the '+' in front of the value");
        }
        return postfix();
    }

    /** A primary followed by {@code .key} steps. */
    Expr postfix() throws SqlParseException {
        Expr e = primary();
        while (true) {
            Token t = lex.peek();
            if (t.is(Kind.DOT)) {
                lex.next();
                Token key = lex.peek();
                if (e instanceof Expr.Literal) {
                    throw p.error(t, "'.' reads a key of an object, and a literal has none",
                            "apply '.' to an attribute, a function result or a parenthesized expression");
                }
                if (key.is(Kind.NUMBER)) {
                    throw p.error(key, "a key that starts with a digit cannot follow '.'",
                            "read it with get(), e.g. get(obj, '" + key.text() + "')");
                }
                if (!key.is(Kind.WORD)) {
                    throw p.error(key, "'.' must be followed by a key name, not " + key.describe(),
                            "write obj.key; read keys with other characters with get(obj, 'my-key')");
                }
                lex.next();
                e = new Expr.Path(e, key.text());
            } else if (t.is(Kind.LBRACKET)) {
                throw p.error(t, "indexing with [] is not part of AWS IoT SQL", "read an array item with get(array, 0)");
            } else {
                return e;
            }
        }
    }

    private Expr primary() throws SqlParseException {
        Token t = lex.peek();
        switch (t.kind()) {
            case NUMBER:
                lex.next();
                return new Expr.Literal(number(t));
            case STRING:
                lex.next();
                return new Expr.Literal(new Value.Str(t.value()));
            case LPAREN:
                return parenthesized();
            case LBRACE:
                return new LiteralParser(p, this).object();
            case LBRACKET:
                return new LiteralParser(p, this).array();
            case WORD:
                return word(t);
            case STAR:
                throw p.error(t, "* (the whole payload) cannot be part of an expression",
                        "use * only as a SELECT item or as a whole function argument, e.g. encode(*, 'base64')");
            case EOF:
                throw p.error(t, "the statement ends where a value was expected", "complete the expression");
            case DOT:
                throw p.error(t, "a value cannot start with '.'",
                        lex.peek(1).is(Kind.NUMBER) ? "write a leading zero: 0" + t.text() + lex.peek(1).text()
                                : "write the object before the '.', e.g. obj.key");
            default:
                throw p.error(t, "expected a value but found " + t.describe(),
                        "write a value, an attribute name, a function call or a parenthesized expression");
        }
    }

    private Expr parenthesized() throws SqlParseException {
        Token open = lex.next();
        if (lex.peek().isWord("SELECT")) {
            Query q = p.nested(open);
            close(open, "nested SELECT");
            return new Expr.Subquery(q);
        }
        if (lex.peek().is(Kind.RPAREN)) {
            throw p.error(lex.peek(), "the parentheses are empty", "put an expression between ( and )");
        }
        Expr e = expression();
        close(open, "parenthesis");
        return e;
    }

    void close(Token open, String what) throws SqlParseException {
        Token t = lex.peek();
        if (!t.is(Kind.RPAREN)) {
            throw p.error(t, "expected ')' to close the " + what + " opened at column "
                    + lex.column(open.offset()) + " but found " + t.describe(),
                    "add the missing ')'" + (t.is(Kind.EOF) ? "" : " or an operator before " + t.describe()));
        }
        lex.next();
    }

    private Expr word(Token t) throws SqlParseException {
        String upper = t.text().toUpperCase(Locale.ROOT);
        if (Parser.KEYWORDS.contains(upper)) {
            lex.next();
            switch (upper) {
                case "TRUE":
                    return new Expr.Literal(Value.TRUE);
                case "FALSE":
                    return new Expr.Literal(Value.FALSE);
                case "NULL":
                    return new Expr.Literal(Value.NULL);
                case "CASE":
                    return caseExpr();
                default:
                    throw p.error(t, "expected a value but found the reserved word " + upper,
                            "write the missing value; to read a key named " + t.text() + " use get(*, '" + t.text() + "')");
            }
        }
        if (lex.peek(1).is(Kind.LPAREN)) {
            return new CallParser(p, this).call();
        }
        lex.next();
        return new Expr.Attr(t.text());
    }

    /** CASE v WHEN t THEN r ... [ELSE e] END, or the searched form CASE WHEN cond THEN r ... END. */
    private Expr caseExpr() throws SqlParseException {
        Expr subject = lex.peek().isWord("WHEN") ? null : expression();
        if (!lex.peek().isWord("WHEN")) {
            throw p.error(lex.peek(), "CASE needs at least one WHEN but found " + lex.peek().describe(),
                    "write CASE value WHEN match THEN result ... END");
        }
        List<Expr.When> whens = new ArrayList<>();
        while (lex.peek().isWord("WHEN")) {
            lex.next();
            Expr test = expression();
            Token then = lex.peek();
            if (!then.isWord("THEN")) {
                throw p.error(then, "expected THEN after the WHEN value but found " + then.describe(),
                        "write WHEN match THEN result");
            }
            lex.next();
            whens.add(new Expr.When(test, expression()));
        }
        Expr otherwise = null;
        if (lex.peek().isWord("ELSE")) {
            lex.next();
            otherwise = expression();
        }
        Token end = lex.peek();
        if (!end.isWord("END")) {
            throw p.error(end, "expected END to close CASE but found " + end.describe(), "finish the CASE with END");
        }
        lex.next();
        return new Expr.Case(subject, whens, otherwise);
    }

    /** A number literal: Int without point or exponent, Decimal otherwise; 2016-03-23 makes 10.0 an Int. */
    private Value number(Token t) throws SqlParseException {
        String s = t.text();
        boolean integral = s.chars().allMatch(Character::isDigit);
        if (integral && s.length() > 34) {
            throw p.error(t, "the number " + s + " has more than 34 digits, AWS's limit for an Int",
                    "write fewer digits, or a Decimal such as 1.5E40");
        }
        if (integral) {
            return new Value.Int(new BigInteger(s));
        }
        BigDecimal d;
        try {
            d = Numbers.inRange(new BigDecimal(s));
        } catch (NumberFormatException e) {
            d = null;
        }
        if (d == null) {
            throw p.error(t, "the number " + s + " is outside AWS's Decimal range",
                    "use magnitudes between 1E-999 and 9.99E999");
        }
        return JsonCodec.normalize(new Value.Dec(d), p.version());
    }

    /** Parses one operand of an operator, naming the operator if the operand is missing. */
    private Expr operand(Step step, String operator) throws SqlParseException {
        Token t = lex.peek();
        if (t.is(Kind.EOF) || t.is(Kind.RPAREN) || t.is(Kind.COMMA) || t.isWord("FROM") || t.isWord("WHERE")
                || t.isWord("THEN") || t.isWord("END") || t.isWord("AS")) {
            throw p.error(t, "'" + operator + "' is missing its right-hand value", "write a value after '" + operator + "'");
        }
        return step.parse();
    }

    private void nest(Token t) throws SqlParseException {
        if (++depth > Parser.MAX_DEPTH) {
            throw p.error(t, "the expression is nested more than " + Parser.MAX_DEPTH + " levels deep",
                    "split it up or simplify it");
        }
    }

    private interface Step {
        Expr parse() throws SqlParseException;
    }
}
