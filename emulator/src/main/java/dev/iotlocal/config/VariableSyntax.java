package dev.iotlocal.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses serverless variables out of a string: {@code ${source:address, fallback, ...}}. A fallback is another
 * source ({@code env:B}), a nested variable ({@code ${env:B}}), a quoted string, a number, true, false or null.
 * Like serverless, {@code ${} only starts a variable when a lower-case source name and ':' or '(' follow, so
 * CloudFormation's {@code ${AWS::Region}} and {@code ${MyFunction.Arn}} stay text.
 */
final class VariableSyntax {

    /** Sources serverless knows; {@code ${name(...)}} with any other name is an IoT substitution template. */
    private static final Set<String> SERVERLESS_SOURCES = Set.of(
            "self", "opt", "env", "sls", "file", "cf", "s3", "ssm", "aws", "param", "strToBool", "git");

    /** A string split into text and variables. */
    record Template(String raw, List<Part> parts) {
        boolean hasVariables() {
            return parts.stream().anyMatch(Variable.class::isInstance);
        }

        /** The variable when it is the whole string: its value keeps its type. */
        Optional<Variable> whole() {
            return parts.size() == 1 && parts.get(0) instanceof Variable v ? Optional.of(v) : Optional.empty();
        }
    }

    sealed interface Part permits Text, Variable {
    }

    record Text(String text) implements Part {
    }

    record Variable(String raw, List<Source> sources) implements Part {
    }

    sealed interface Source permits Reference, Literal, Nested {
    }

    /** {@code type:address}; the address may itself contain variables. */
    record Reference(String type, Template address, String raw) implements Source {
    }

    record Literal(Object value) implements Source {
    }

    record Nested(Variable variable) implements Source {
    }

    private final String s;
    private final SourceLocation location;
    private int pos;

    private VariableSyntax(String s, SourceLocation location) {
        this.s = s;
        this.location = location;
    }

    static Template parse(String text, SourceLocation location) {
        VariableSyntax parser = new VariableSyntax(text, location);
        return parser.template(false);
    }

    /** Text and variables up to the end, or (inside an address) up to a ',' or '}' outside nested variables. */
    private Template template(boolean inAddress) {
        int start = pos;
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (inAddress && (c == ',' || c == '}')) {
                break;
            }
            if (startsVariable(pos)) {
                if (text.length() > 0) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(variable());
            } else {
                text.append(c);
                pos++;
            }
        }
        if (text.length() > 0) {
            parts.add(new Text(inAddress ? text.toString().strip() : text.toString()));
        }
        return new Template(s.substring(start, pos), List.copyOf(parts));
    }

    private boolean startsVariable(int at) {
        if (!s.startsWith("${", at)) {
            return false;
        }
        int end = typeEnd(at + 2);
        if (end == at + 2 || end >= s.length()) {
            return false;
        }
        char next = s.charAt(end);
        return next == ':' || (next == '(' && SERVERLESS_SOURCES.contains(s.substring(at + 2, end)));
    }

    /** End of {@code [a-z][a-zA-Z0-9]*} starting at {@code from}, or {@code from} when there is none. */
    private int typeEnd(int from) {
        if (from >= s.length() || s.charAt(from) < 'a' || s.charAt(from) > 'z') {
            return from;
        }
        int i = from + 1;
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
        }
        return i;
    }

    private Variable variable() {
        int start = pos;
        pos += 2;
        List<Source> sources = new ArrayList<>();
        while (true) {
            skipSpaces();
            sources.add(source(start));
            skipSpaces();
            if (pos >= s.length()) {
                throw error("the variable " + s.substring(start) + " has no closing '}'. Add it.");
            }
            char c = s.charAt(pos++);
            if (c == '}') {
                return new Variable(s.substring(start, pos), List.copyOf(sources));
            }
            if (c != ',') {
                throw error("the variable starting '" + s.substring(start, pos) + "' has '" + c
                        + "' where ',' or '}' should follow. Write ${source:address, 'fallback'}.");
            }
        }
    }

    private Source source(int variableStart) {
        if (pos >= s.length()) {
            throw error("the variable " + s.substring(variableStart) + " has no closing '}'. Add it.");
        }
        char c = s.charAt(pos);
        if (s.startsWith("${", pos)) {
            if (!startsVariable(pos)) {
                throw error("the fallback in " + s.substring(variableStart) + " is not a variable. Write ${source:address}.");
            }
            return new Nested(variable());
        }
        if (c == '\'' || c == '"') {
            return new Literal(quoted(c));
        }
        int typeEnd = typeEnd(pos);
        if (typeEnd > pos && typeEnd < s.length() && (s.charAt(typeEnd) == ':' || s.charAt(typeEnd) == '(')) {
            return reference(typeEnd);
        }
        return literal(variableStart);
    }

    private Source reference(int typeEnd) {
        int start = pos;
        String type = s.substring(pos, typeEnd);
        pos = typeEnd;
        if (s.charAt(pos) == '(') {
            skipParameters();
        }
        Template address = new Template("", List.of());
        if (pos < s.length() && s.charAt(pos) == ':') {
            pos++;
            skipSpaces();
            if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                String text = quoted(s.charAt(pos));
                address = new Template(text, List.of(new Text(text)));
            } else {
                address = template(true);
            }
        }
        return new Reference(type, address, s.substring(start, pos).strip());
    }

    private void skipParameters() {
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
        throw error("a variable parameter list has no closing ')'. Add it.");
    }

    private String quoted(char quote) {
        int start = pos++;
        StringBuilder text = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == quote) {
                return text.toString();
            }
            if (c == '\\' && quote == '"' && pos < s.length()) {
                text.append(unescape(s.charAt(pos++)));
            } else {
                text.append(c);
            }
        }
        throw error("the string " + s.substring(start) + " in a variable has no closing " + quote + ". Add it.");
    }

    private char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'u' -> {
                if (pos + 4 > s.length()) {
                    throw error("a \\u escape in a variable needs four hex digits.");
                }
                char decoded = (char) Integer.parseInt(s.substring(pos, pos + 4), 16);
                pos += 4;
                yield decoded;
            }
            default -> c;
        };
    }

    private Source literal(int variableStart) {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != '}') {
            pos++;
        }
        String token = s.substring(start, pos).strip();
        switch (token) {
            case "true":
                return new Literal(Boolean.TRUE);
            case "false":
                return new Literal(Boolean.FALSE);
            case "null":
                return new Literal(null);
            default:
                break;
        }
        if (token.matches("[-+]?(\\d+)")) {
            return new Literal(new BigInteger(token.startsWith("+") ? token.substring(1) : token));
        }
        if (token.matches("[-+]?(\\d+\\.\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?\\d+[eE][-+]?\\d+")) {
            return new Literal(Double.valueOf(token));
        }
        throw error("the fallback '" + token + "' in " + s.substring(variableStart, Math.min(s.length(), pos + 1))
                + " is neither a variable nor a value. Quote text ('" + token + "') or write a variable (${env:NAME}).");
    }

    private void skipSpaces() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private ConfigException error(String problem) {
        return new ConfigException(location, problem);
    }
}
