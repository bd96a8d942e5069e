package dev.iotlocal.rules;

import dev.iotlocal.rules.sql.MessageContext;
import dev.iotlocal.rules.sql.SqlExpression;
import dev.iotlocal.rules.sql.SqlParseException;
import dev.iotlocal.rules.sql.SqlVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An action field with substitution templates (iot-substitution-templates.md): {@code ${expression}} is replaced
 * by the expression's value for the message, {@code $$} by a single {@code $} (how a Republish topic reaches a
 * reserved topic such as {@code $$aws/things/t/shadow/update}). Immutable and thread-safe.
 *
 * <p>A String value is inserted as it is, any other value as its JSON text, and Undefined as nothing (AWS does
 * not document that case).
 */
public final class SubstitutionTemplate {

    private sealed interface Part permits Text, Substitution {
    }

    private record Text(String text) implements Part {
    }

    private record Substitution(SqlExpression expression) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private SubstitutionTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * @param version the rule's SQL version, which its templates are evaluated with
     * @throws IllegalArgumentException with the column in {@code text} and a hint when a template is not closed or
     *                                  its expression does not parse
     */
    public static SubstitutionTemplate parse(String text, SqlVersion version) {
        Objects.requireNonNull(text, "text");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$$", i)) {
                literal.append('$');
                i += 2;
            } else if (text.startsWith("${", i)) {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("at column " + (i + 1) + " of the field: the substitution template ${ is never"
                            + " closed (end it with }; to write a literal $ use $$)");
                }
                if (literal.length() > 0) {
                    parts.add(new Text(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Substitution(expression(text.substring(i + 2, end), i + 2, version)));
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Text(literal.toString()));
        }
        return new SubstitutionTemplate(text, parts);
    }

    /** The index of the brace closing a template whose content starts at {@code from}; -1 if none. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote reopens at once: the escape needs no special case
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static SqlExpression expression(String content, int offset, SqlVersion version) {
        try {
            return SqlExpression.parse(content, version);
        } catch (SqlParseException e) {
            int column = e.line() == 1 ? offset + e.column() : e.column();
            throw new IllegalArgumentException("at column " + column + " of the field: the substitution template ${" + content
                    + "} does not parse: " + e.problem() + " (" + e.hint() + ")", e);
        }
    }

    /** The text for one message. */
    public String render(MessageContext message) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Substitution s) {
                s.expression().evaluateToText(message).ifPresent(out::append);
            }
        }
        return out.toString();
    }

    /** True when nothing is substituted: every message gets the same text. */
    public boolean isConstant() {
        return parts.stream().allMatch(Text.class::isInstance);
    }

    /** The text of a constant template ({@code $$} already read as {@code $}). */
    public String constantText() {
        if (!isConstant()) {
            throw new IllegalStateException("The template " + source + " depends on the message.");
        }
        return parts.isEmpty() ? "" : ((Text) parts.get(0)).text();
    }

    /** The template as written. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
