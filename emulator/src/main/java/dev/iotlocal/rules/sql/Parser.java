package dev.iotlocal.rules.sql;

import dev.iotlocal.rules.sql.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for one IoT SQL statement:
 * {@code SELECT <* | expr [AS name], ... | VALUE expr> FROM '<topic filter>' [WHERE cond]}.
 * Expressions (from loosest): OR, AND, NOT, comparisons, + -, * / %, unary minus, {@code .key},
 * then literals, names, calls, CASE, parentheses, nested SELECT and (2016-03-23) {} [] literals.
 */
final class Parser {

    static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AS", "AND", "OR", "NOT", "CASE",
            "WHEN", "THEN", "ELSE", "END", "VALUE", "TRUE", "FALSE", "NULL");
    /** Deeper nesting is refused rather than risking the stack. */
    static final int MAX_DEPTH = 100;
    /** {@code AS a.b.c} nests the output; bounded like expressions, so output depth stays bounded. */
    static final int MAX_ALIAS_PARTS = 100;
    private static final String VERSION_HINT = "set the rule's SQL version to 2016-03-23";

    private final Lexer lex;
    private final SqlVersion version;
    private final ExprParser exprs;

    Parser(String sql, SqlVersion version) {
        this.lex = new Lexer(sql);
        this.version = version;
        this.exprs = new ExprParser(this);
    }

    Lexer lexer() {
        return lex;
    }

    SqlVersion version() {
        return version;
    }

    /** The whole statement. */
    Query statement() throws SqlParseException {
        Token first = lex.peek();
        if (!first.isWord("SELECT")) {
            throw first.is(Kind.EOF)
                    ? error(first, "the SQL statement is empty", "write SELECT ... FROM 'topic/filter'")
                    : error(first, "a rule's SQL must start with SELECT but starts with " + first.describe(),
                            "write SELECT ... FROM 'topic/filter' [WHERE ...]");
        }
        lex.next();
        Query select = selectList();
        expectFrom();
        TopicFilter topic = topicFilter();
        Expr where = where();
        Token end = lex.peek();
        if (!end.is(Kind.EOF)) {
            throw error(end, "unexpected " + end.describe() + " after the " + (where == null ? "FROM clause" : "WHERE condition"),
                    where == null ? "only WHERE <condition> may follow FROM 'topic'" : "join conditions with AND or OR");
        }
        return new Query(select.valueOnly(), select.items(), topic, null, where);
    }

    /** One expression and nothing else: the content of a substitution template such as {@code ${topic(2)}}. */
    Expr standalone() throws SqlParseException {
        Token first = lex.peek();
        if (first.is(Kind.EOF)) {
            throw error(first, "the expression is empty", "write an expression between the braces, e.g. ${topic(2)}");
        }
        Expr expr = exprs.expression();
        Token end = lex.peek();
        if (!end.is(Kind.EOF)) {
            throw error(end, "unexpected " + end.describe() + " after the expression",
                    "a substitution template holds one expression; join values with + or concat()");
        }
        return expr;
    }

    /** {@code (SELECT ...)} after its opening parenthesis. */
    Query nested(Token open) throws SqlParseException {
        if (!version.atLeast2016()) {
            throw error(open, "nested SELECT queries need SQL version 2016-03-23", VERSION_HINT);
        }
        lex.next(); // SELECT
        Query select = selectList();
        expectFrom();
        Token src = lex.peek();
        if (src.is(Kind.STRING)) {
            throw error(src, "a nested SELECT reads from an attribute of the message, not from a topic",
                    "write FROM followed by the attribute holding the array, e.g. FROM e");
        }
        Expr source = exprs.postfix();
        Expr where = where();
        return new Query(select.valueOnly(), select.items(), null, source, where);
    }

    /** The SELECT list, as a Query without FROM. */
    private Query selectList() throws SqlParseException {
        Token t = lex.peek();
        if (t.isWord("VALUE")) {
            lex.next();
            Token e = lex.peek();
            if (e.isWord("FROM") || e.is(Kind.COMMA) || e.is(Kind.EOF)) {
                throw error(e, "SELECT VALUE needs an expression",
                        "write SELECT VALUE <expression> FROM ...; to read a key named value use get(*, 'value')");
            }
            Expr expr = itemExpr();
            Token after = lex.peek();
            if (after.is(Kind.COMMA)) {
                throw error(after, "SELECT VALUE takes exactly one expression",
                        "select one value, or drop VALUE to build an object of several");
            }
            if (after.isWord("AS")) {
                throw error(after, "the result of SELECT VALUE has no name", "remove AS and the name");
            }
            return new Query(true, List.of(new Query.Item(expr, List.of())), null, null, null);
        }
        List<Query.Item> items = new ArrayList<>();
        do {
            Token start = lex.peek();
            if (start.isWord("FROM") || start.is(Kind.EOF)) {
                throw items.isEmpty()
                        ? error(start, "SELECT lists nothing", "name what to select, e.g. SELECT * or SELECT temp")
                        : error(start, "a comma is followed by no item", "remove the comma before " + start.describe());
            }
            items.add(item(items.size() + 1));
        } while (accept(Kind.COMMA));
        return new Query(false, items, null, null, null);
    }

    private Query.Item item(int position) throws SqlParseException {
        Token start = lex.peek();
        Expr expr = itemExpr();
        if (lex.peek().isWord("AS")) {
            Token as = lex.next();
            if (expr instanceof Expr.Star) {
                throw error(as, "* cannot be renamed", "select * to copy the payload, or wrap it: get(*, 'key') AS name");
            }
            return new Query.Item(expr, aliasPath(as));
        }
        Token after = lex.peek();
        if (after.is(Kind.WORD) && !KEYWORDS.contains(after.text().toUpperCase(Locale.ROOT))) {
            throw error(after, "unexpected " + after.describe() + " after a SELECT item",
                    "to rename the item write AS " + after.text() + "; to select more, separate items with commas");
        }
        return new Query.Item(expr, expr instanceof Expr.Star ? List.of() : List.of(defaultName(expr, position)));
    }

    /** {@code *} or an expression, as a SELECT item. */
    private Expr itemExpr() throws SqlParseException {
        Token t = lex.peek();
        if (t.is(Kind.STAR)) {
            lex.next();
            return new Expr.Star();
        }
        return exprs.expression();
    }

    /**
     * The output key of an item without AS. AWS's examples always use AS; the choice here: an attribute
     * path gives its last key ({@code SELECT a.b} gives "b"), a function call its name
     * ({@code SELECT timestamp()} gives "timestamp"), anything else "_" and the item's 1-based position.
     */
    static String defaultName(Expr e, int position) {
        if (e instanceof Expr.Attr a) {
            return a.name();
        }
        if (e instanceof Expr.Path p) {
            return p.key();
        }
        if (e instanceof Expr.Call c) {
            return c.function().name();
        }
        if (e instanceof Expr.Cast) {
            return "cast";
        }
        return "_" + position;
    }

    /** {@code AS name} or {@code AS a.b} (AWS's JSON page writes {@code AS bar.baz}); a path nests. */
    private List<String> aliasPath(Token as) throws SqlParseException {
        List<String> path = new ArrayList<>();
        do {
            Token n = lex.peek();
            if (!n.is(Kind.WORD) || n.isWord("FROM") || n.isWord("WHERE")) {
                throw error(n, "AS must be followed by a name, not " + n.describe(),
                        "write AS my_name using letters, digits and _");
            }
            if (path.size() == MAX_ALIAS_PARTS) {
                throw error(n, "an alias has at most " + MAX_ALIAS_PARTS + " parts", "use a shorter name");
            }
            path.add(lex.next().text());
        } while (accept(Kind.DOT));
        return path;
    }

    private void expectFrom() throws SqlParseException {
        Token t = lex.peek();
        if (!t.isWord("FROM")) {
            throw error(t, "expected FROM but found " + t.describe(),
                    t.is(Kind.EOF) ? "add FROM 'topic/filter'" : "separate SELECT items with commas and end the list with FROM");
        }
        lex.next();
    }

    private TopicFilter topicFilter() throws SqlParseException {
        Token t = lex.peek();
        if (!t.singleQuoted()) {
            String problem = t.is(Kind.STRING) ? "the topic filter is in double quotes"
                    : t.is(Kind.EOF) ? "FROM is not followed by a topic filter"
                    : "the topic filter must be a string in single quotes, not " + t.describe();
            throw error(t, problem, "put the topic filter in single quotes, e.g. FROM 'sensors/+/data'");
        }
        lex.next();
        TopicFilter.Problem p = TopicFilter.problem(t.value());
        if (p != null) {
            throw lex.error(t.offset() + sourceIndex(t, p.index()), "invalid topic filter: " + p.reason(),
                    "use + for one whole level and # only as the last level, e.g. 'sensors/+/data/#'");
        }
        return new TopicFilter(t.value());
    }

    /** Where the {@code i}-th character of a string's value sits in its token text (doubled quotes count 2). */
    private static int sourceIndex(Token t, int i) {
        int src = 1;
        for (int v = 0; v < i && src < t.text().length(); v++) {
            src += t.text().charAt(src) == t.text().charAt(0) ? 2 : 1;
        }
        return src;
    }

    private Expr where() throws SqlParseException {
        if (!lex.peek().isWord("WHERE")) {
            return null;
        }
        lex.next();
        Token t = lex.peek();
        if (t.is(Kind.EOF)) {
            throw error(t, "WHERE is not followed by a condition", "write WHERE <condition> or remove WHERE");
        }
        return exprs.expression();
    }

    boolean accept(Kind k) throws SqlParseException {
        if (lex.peek().is(k)) {
            lex.next();
            return true;
        }
        return false;
    }

    SqlParseException error(Token t, String problem, String hint) {
        return lex.error(t.offset(), problem, hint);
    }

    SqlParseException versionError(Token t, String what) {
        return error(t, what + " need" + (what.endsWith("s") ? "" : "s") + " SQL version 2016-03-23", VERSION_HINT);
    }
}
