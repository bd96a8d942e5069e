package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the file: missing, unreadable, empty, not YAML, not a map; YAML features serverless files use. */
class YamlFileTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    private static ConfigException failure(Path file) {
        return catchThrowableOfType(ConfigException.class, () -> ServerlessConfig.load(file, LoadOptions.defaults()));
    }

    @Test
    void missingFileNamesThePath() {
        ConfigException e = failure(dir.resolve("nope.yml"));
        assertThat(e.getMessage()).startsWith("nope.yml: the file ").contains(dir.resolve("nope.yml").toString(), "does not exist");
        assertThat(e.location().line()).isZero();
    }

    @Test
    void directoryIsNotAFile() {
        assertThat(failure(dir).getMessage()).contains("it is a directory", "Point --config at serverless.yml");
    }

    @Test
    void syntaxErrorGivesLineAndColumnAsASentence() {
        ConfigException e = fixture.failure("service: demo\nprovider:\n  name: aws\n   stage: dev\n");
        assertThat(e.getMessage()).startsWith("serverless.yml:4:9: the file is not valid YAML: mapping values are not allowed here.")
                .contains("Check the indentation")
                .doesNotContain("\n");
        assertThat(e.location().line()).isEqualTo(4);
    }

    @Test
    void emptyFileIsExplained() {
        assertThat(fixture.failure("").getMessage()).startsWith("serverless.yml: the file is empty.");
        assertThat(fixture.failure("# only a comment\n").getMessage()).contains("the file is empty");
    }

    @Test
    void fileMustBeAMap() {
        assertThat(fixture.failure("- a\n- b\n").getMessage())
                .isEqualTo("serverless.yml:1:1: the file must be a YAML map with keys such as service, provider and functions, but it is a list.");
        assertThat(fixture.failure("just text\n").getMessage()).contains("but it is the text 'just text'");
    }

    @Test
    void binaryFileIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("serverless.yml"), new byte[] {(byte) 0xC3, (byte) 0x28, 0, 1});
        assertThat(failure(file).getMessage()).contains("not UTF-8 text");
    }

    @Test
    void controlCharacterIsReportedWithItsPlace() throws IOException {
        ConfigException e = fixture.failure("service: demo\nprovider: \u0001\n");
        assertThat(e.getMessage()).startsWith("serverless.yml:2:").contains("YAML does not allow");
    }

    @Test
    void moreThanOneDocumentIsRefused() {
        assertThat(fixture.failure(HEADER + "---\nservice: other\n").getMessage())
                .contains("expected a single document in the stream");
    }

    @Test
    void duplicateKeysAreRefusedAsJsYamlDoes() {
        ConfigException e = fixture.failure(HEADER + "functions:\n  f: {handler: a.B}\n  f: {handler: a.C}\n");
        assertThat(e.getMessage()).startsWith("serverless.yml:6:3 (functions.f): the key 'f' appears twice")
                .contains("first at line 5", "Keep one of them");
    }

    @Test
    void anchorsAliasesAndMergeKeysWork() {
        ServiceDefinition service = fixture.load(HEADER + """
                x-defaults: &defaults
                  handler: a.Shared
                  timeout: 30
                functions:
                  f:
                    <<: *defaults
                    timeout: 10
                  g: *defaults
                """);
        assertThat(service.function("f").orElseThrow().handler()).isEqualTo("a.Shared");
        assertThat(service.function("f").orElseThrow().timeout()).hasSeconds(10);
        assertThat(service.function("g").orElseThrow().timeout()).hasSeconds(30);
    }

    @Test
    void jsonIsYamlToo() {
        ServiceDefinition service = fixture.load("""
                {"service": "demo", "provider": {"name": "aws"}, "functions": {"f": {"handler": "a.B", "timeout": 7}}}
                """);
        assertThat(service.function("f").orElseThrow().timeout()).hasSeconds(7);
    }

    @Test
    void relativePathIsMadeAbsolute() {
        fixture.write(HEADER);
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("serverless.yml").toAbsolutePath());
        assertThat(ServerlessConfig.load(relative, LoadOptions.defaults()).file())
                .isEqualTo(dir.resolve("serverless.yml").toAbsolutePath().normalize());
    }
}
