package dev.iotlocal.rules.sql;

/**
 * One token of IoT SQL.
 *
 * @param kind   what it is
 * @param text   the source text it was read from
 * @param value  a string's content (quotes removed, doubled quotes undone); the text otherwise
 * @param offset 0-based index of its first character in the source
 */
record Token(Kind kind, String text, String value, int offset) {

    enum Kind {
        WORD, STRING, NUMBER, COMMA, DOT, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COLON,
        STAR, PLUS, MINUS, SLASH, PERCENT, EQ, NE, LT, LE, GT, GE, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** Whether this is the word {@code keyword}, in any case. */
    boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** Whether a string token used single quotes. */
    boolean singleQuoted() {
        return kind == Kind.STRING && text.charAt(0) == '\'';
    }

    /** How a message names this token. */
    String describe() {
        switch (kind) {
            case EOF:
                return "the end of the statement";
            case STRING:
                return "the string " + shorten(text);
            case NUMBER:
                return "the number " + shorten(text);
            default:
                return "'" + shorten(text) + "'";
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
