package dev.iotlocal.rules.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads tokens on demand, so a statement's first error is reported first: in
 * {@code FROM topic/#} the parser complains about the unquoted topic before the lexer reaches '#'.
 */
final class Lexer {

    private final String src;
    private final List<Token> ahead = new ArrayList<>();
    private int pos;

    Lexer(String src) {
        this.src = src;
    }

    String source() {
        return src;
    }

    /** The token {@code k} places ahead (0 = next), reading as far as needed. */
    Token peek(int k) throws SqlParseException {
        while (ahead.size() <= k) {
            ahead.add(read());
        }
        return ahead.get(k);
    }

    Token peek() throws SqlParseException {
        return peek(0);
    }

    Token next() throws SqlParseException {
        Token t = peek(0);
        ahead.remove(0);
        return t;
    }

    /** An error at a 0-based offset of the source, with line and column worked out. */
    SqlParseException error(int offset, String problem, String hint) {
        return new SqlParseException(line(offset), column(offset), problem, hint);
    }

    /** 1-based line of a 0-based offset. */
    int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of a 0-based offset. */
    int column(int offset) {
        int lineStart = src.lastIndexOf('\n', Math.min(offset, src.length()) - 1) + 1;
        return offset - lineStart + 1;
    }

    private Token read() throws SqlParseException {
        skipSpace();
        if (pos >= src.length()) {
            return new Token(Token.Kind.EOF, "", "", src.length());
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (isDigit(c)) {
            return number();
        }
        if (isNameStart(c)) {
            while (pos < src.length() && isNamePart(src.charAt(pos))) {
                pos++;
            }
            String w = src.substring(start, pos);
            return new Token(Token.Kind.WORD, w, w, start);
        }
        Token.Kind k = symbol(c, at(1));
        if (k == null) {
            throw unexpected(c);
        }
        pos += k == Token.Kind.LE || k == Token.Kind.GE || k == Token.Kind.NE ? 2 : 1;
        String t = src.substring(start, pos);
        return new Token(k, t, t, start);
    }

    private Token.Kind symbol(char c, char n) throws SqlParseException {
        switch (c) {
            case ',': return Token.Kind.COMMA;
            case '.': return Token.Kind.DOT;
            case '(': return Token.Kind.LPAREN;
            case ')': return Token.Kind.RPAREN;
            case '{': return Token.Kind.LBRACE;
            case '}': return Token.Kind.RBRACE;
            case '[': return Token.Kind.LBRACKET;
            case ']': return Token.Kind.RBRACKET;
            case ':': return Token.Kind.COLON;
            case '*': return Token.Kind.STAR;
            case '+': return Token.Kind.PLUS;
            case '%': return Token.Kind.PERCENT;
            case '-':
                if (n == '-') {
                    throw error(pos, "comments are not supported in AWS IoT SQL",
                            "remove the '--' comment; write a - -b with a space to subtract a negative");
                }
                return Token.Kind.MINUS;
            case '/':
                if (n == '*') {
                    throw error(pos, "comments are not supported in AWS IoT SQL", "remove the '/* */' comment");
                }
                return Token.Kind.SLASH;
            case '=':
                if (n == '=') {
                    throw error(pos, "'==' is not an AWS IoT SQL operator", "compare with a single '='");
                }
                return Token.Kind.EQ;
            case '<':
                return n == '=' ? Token.Kind.LE : n == '>' ? Token.Kind.NE : Token.Kind.LT;
            case '>':
                return n == '=' ? Token.Kind.GE : Token.Kind.GT;
            default:
                return null;
        }
    }

    private SqlParseException unexpected(char c) {
        switch (c) {
            case '!':
                return at(1) == '='
                        ? error(pos, "'!=' is not an AWS IoT SQL operator", "write <> for 'not equal'")
                        : error(pos, "'!' is not an AWS IoT SQL operator", "write NOT for negation");
            case ';':
                return error(pos, "unexpected ';'", "remove the ';': a rule holds exactly one statement");
            case '`':
                return error(pos, "backquoted names are not part of AWS IoT SQL",
                        "read a key with special characters with get(*, 'my-key')");
            case '&':
            case '|':
            case '^':
            case '~':
                return error(pos, "'" + c + "' is not an AWS IoT SQL operator",
                        "use AND, OR, NOT for logic or bitand(), bitor(), bitxor(), bitnot() for bits");
            default:
                String shown = Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
                return error(pos, "unexpected character " + shown,
                        "names use only letters, digits and _; read other keys with get(*, 'key')");
        }
    }

    /** A string in single or double quotes; a doubled quote stands for one quote character. */
    private Token string(char quote) throws SqlParseException {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw error(start, "this string is never closed", "end it with a matching " + quote);
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                if (pos < src.length() && src.charAt(pos) == quote) {
                    value.append(quote);
                    pos++;
                } else {
                    break;
                }
            } else {
                value.append(c);
            }
        }
        return new Token(Token.Kind.STRING, src.substring(start, pos), value.toString(), start);
    }

    /** {@code 12}, {@code 1.5}, {@code 2E-3}: digits on both sides of the point, as in JSON. */
    private Token number() throws SqlParseException {
        int start = pos;
        digits();
        if (at(0) == '.' && isDigit(at(1))) {
            pos++;
            digits();
        }
        if (at(0) == 'e' || at(0) == 'E') {
            int e = pos;
            pos++;
            if (at(0) == '+' || at(0) == '-') {
                pos++;
            }
            if (!isDigit(at(0))) {
                throw error(e, "the exponent of this number has no digits", "write it like 5E3 or 5E-3");
            }
            digits();
        }
        if (pos < src.length() && isNameStart(src.charAt(pos))) {
            throw error(pos, "a number runs into the name '" + src.charAt(pos) + "'",
                    "put a space or an operator between them; a key cannot start with a digit");
        }
        String t = src.substring(start, pos);
        return new Token(Token.Kind.NUMBER, t, t, start);
    }

    private void digits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else {
                break;
            }
        }
    }

    private char at(int k) {
        int i = pos + k;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
