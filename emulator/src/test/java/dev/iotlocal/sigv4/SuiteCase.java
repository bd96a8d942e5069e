package dev.iotlocal.sigv4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One case of the aws4_testsuite copied into test resources: its files, and its .sreq as a SignedRequest. */
record SuiteCase(String name, Path folder) {

    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String REGION = "us-east-1";
    static final String SERVICE = "service";

    static List<SuiteCase> all() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sreq"))
                    .map(p -> new SuiteCase(p.getParent().getFileName().toString(), p.getParent()))
                    .sorted(java.util.Comparator.comparing(SuiteCase::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SuiteCase named(String name) {
        return all().stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    private static Path root() {
        try {
            return Path.of(SuiteCase.class.getResource("/aws4_testsuite").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String file(String extension) {
        try {
            return Files.readString(folder.resolve(name + "." + extension), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SignedRequest signedRequest() {
        return parse(file("sreq"));
    }

    /** The token the case's request carries, if any: the credential store must know it. */
    java.util.Optional<String> sessionToken() {
        return signedRequest().header("X-Amz-Security-Token").stream().findFirst();
    }

    /** Reads the suite's HTTP/1.1 text: request line, headers (indented lines continue the previous), body. */
    static SignedRequest parse(String text) {
        String[] lines = text.split("\n", -1);
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String lastName = null;
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            if (Character.isWhitespace(line.charAt(0))) {
                List<String> values = headers.get(lastName);
                values.set(values.size() - 1, values.get(values.size() - 1) + "\n" + line);
                continue;
            }
            int colon = line.indexOf(':');
            lastName = line.substring(0, colon);
            headers.computeIfAbsent(lastName, n -> new ArrayList<>()).add(line.substring(colon + 1));
        }
        String body = i + 1 < lines.length ? String.join("\n", List.of(lines).subList(i + 1, lines.length)) : "";
        return new SignedRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return name;
    }
}
