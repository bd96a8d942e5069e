package dev.iotlocal.rules.sql;

/**
 * A rule's SQL that AWS IoT would refuse. The message reads
 * {@code "line 1, column 15: <what is wrong> (<how to fix it>)"}; line and column are 1-based.
 */
public final class SqlParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;
    private final String hint;

    SqlParseException(int line, int column, String problem, String hint) {
        super("line " + line + ", column " + column + ": " + problem + " (" + hint + ")");
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.hint = hint;
    }

    /** 1-based line of the first character at fault. */
    public int line() {
        return line;
    }

    /** 1-based column of the first character at fault. */
    public int column() {
        return column;
    }

    /** What is wrong, without position or hint. */
    public String problem() {
        return problem;
    }

    /** How to fix it. Never empty. */
    public String hint() {
        return hint;
    }
}
