package dev.iotlocal.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads serverless.yml into {@link YamlValue}s with line, column and key path. Uses SnakeYAML's node API
 * ({@code compose}), so CloudFormation tags such as {@code !GetAtt} need no constructor: they stay node tags.
 */
final class YamlReader {

    private final Path file;
    private final Map<Node, Boolean> converting = new IdentityHashMap<>();

    private YamlReader(Path file) {
        this.file = file;
    }

    /** The top-level map of {@code file}; ConfigException when the file is missing, not YAML, empty or not a map. */
    static YamlValue.Mapping read(Path file) {
        return new YamlReader(file).read();
    }

    private YamlValue.Mapping read() {
        String text = decode(readBytes());
        Node root;
        try {
            root = yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (ReaderException e) {
            throw new ConfigException(at(text, e.getPosition()),
                    "the file contains a character YAML does not allow (code point " + e.getCodePoint()
                            + "). Remove it or save the file as plain UTF-8 text.", e);
        } catch (YAMLException e) {
            throw new ConfigException(SourceLocation.of(file),
                    "the file cannot be read as YAML: " + e.getMessage() + ". Fix the YAML and load it again.", e);
        }
        if (root == null) {
            throw new ConfigException(SourceLocation.of(file),
                    "the file is empty. Write at least 'service: <name>', 'provider: {name: aws}' and 'functions:'.");
        }
        YamlValue value = convert(root, "");
        if (!(value instanceof YamlValue.Mapping mapping)) {
            throw new ConfigException(value.location(), "the file must be a YAML map with keys such as service, "
                    + "provider and functions, but it is " + value.describe() + ".");
        }
        return mapping;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true);
        options.setAllowDuplicateKeys(true); // duplicates are reported below, with their line
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new CoreSchemaResolver());
    }

    private byte[] readBytes() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(SourceLocation.of(file),
                    "the file " + file + " does not exist. Check the path given to --config.", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(SourceLocation.of(file),
                    "the file " + file + " cannot be read (permission denied). Make it readable.", e);
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new ConfigException(SourceLocation.of(file),
                    "the file " + file + " cannot be read: " + reason + ". Point --config at serverless.yml.", e);
        }
    }

    private String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigException(SourceLocation.of(file),
                    "the file is not UTF-8 text. serverless.yml must be YAML saved as UTF-8.", e);
        }
    }

    private ConfigException syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        SourceLocation location = mark == null
                ? SourceLocation.of(file)
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1, "");
        StringBuilder problem = new StringBuilder("the file is not valid YAML: ");
        if (e.getContext() != null) {
            problem.append(e.getContext()).append(", ");
        }
        problem.append(e.getProblem() == null ? "syntax error" : e.getProblem());
        problem.append(". Check the indentation and quoting on this line; quote values that contain ': ' or start with '{', '[', '*', '&' or '!'.");
        return new ConfigException(location, problem.toString(), e);
    }

    private SourceLocation at(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; i += Character.charCount(text.codePointAt(i)), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourceLocation(file, line, column, "");
    }

    private SourceLocation location(Node node, String keyPath) {
        Mark mark = node.getStartMark();
        return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1, keyPath);
    }

    private YamlValue convert(Node node, String keyPath) {
        if (converting.put(node, Boolean.TRUE) != null) {
            throw new ConfigException(location(node, keyPath),
                    "an alias refers to the value that contains it. Remove the recursive alias.");
        }
        try {
            String tag = customTag(node.getTag());
            if (node instanceof ScalarNode scalar) {
                return new YamlValue.Scalar(kind(scalar.getTag()), scalar.getValue(), tag, false, location(node, keyPath));
            }
            if (node instanceof SequenceNode sequence) {
                List<YamlValue> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, YamlValue.itemPath(keyPath, items.size())));
                }
                return new YamlValue.Sequence(items, tag, location(node, keyPath));
            }
            return convertMapping((MappingNode) node, tag, keyPath);
        } finally {
            converting.remove(node);
        }
    }

    private YamlValue convertMapping(MappingNode node, String tag, String keyPath) {
        Map<String, YamlValue.Mapping.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                throw new ConfigException(location(keyNode, keyPath),
                        "a map key is itself a map or a list. Use plain text keys.");
            }
            String key = keyScalar.getValue();
            String childPath = YamlValue.childPath(keyPath, key);
            SourceLocation keyLocation = location(keyNode, childPath);
            YamlValue.Mapping.Entry previous = entries.get(key);
            if (previous != null) {
                throw new ConfigException(keyLocation, "the key '" + key + "' appears twice in this map (first at line "
                        + previous.keyLocation().line() + "); YAML and serverless reject duplicate keys. Keep one of them.");
            }
            entries.put(key, new YamlValue.Mapping.Entry(keyLocation, convert(tuple.getValueNode(), childPath)));
        }
        return new YamlValue.Mapping(entries, tag, location(node, keyPath));
    }

    private static YamlValue.Kind kind(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return YamlValue.Kind.INT;
        }
        if (Tag.FLOAT.equals(tag)) {
            return YamlValue.Kind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return YamlValue.Kind.BOOL;
        }
        if (Tag.NULL.equals(tag)) {
            return YamlValue.Kind.NULL;
        }
        return YamlValue.Kind.STRING;
    }

    /** "!GetAtt" for local tags; "" for YAML's own ({@code tag:yaml.org,2002:...}). */
    private static String customTag(Tag tag) {
        String value = tag.getValue();
        return value.startsWith("!") ? value : "";
    }
}
