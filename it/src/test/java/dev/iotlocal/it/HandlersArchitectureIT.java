package dev.iotlocal.it;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The example handlers deploy to AWS unchanged: nothing in them may reach for the emulator. */
class HandlersArchitectureIT {

    @Test
    void theHandlersUseNoEmulatorClass() {
        JavaClasses handlers = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("foobar");
        assertThat(handlers).as("the handlers' classes are on the classpath").isNotEmpty();

        noClasses().should().dependOnClassesThat().resideInAPackage("dev.iotlocal..")
                .because("handlers reach the emulator only through configuration (environment variables)")
                .check(handlers);
    }
}
