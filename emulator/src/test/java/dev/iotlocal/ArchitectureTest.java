package dev.iotlocal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** One package per AWS part; packages depend downward, never in circles; one composition root wires them. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.iotlocal");

    @Test
    void partsDependOnEachOtherWithoutCycles() {
        slices().matching("dev.iotlocal.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theBottomPartsKnowNoOtherPart() {
        for (String part : new String[] {"config", "sigv4", "lambda", "broker", "rules.sql"}) {
            noClasses().that().resideInAPackage("dev.iotlocal." + part + "..")
                    .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                            "are in another iotlocal package",
                            (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("dev.iotlocal")
                                    && !c.getPackageName().startsWith("dev.iotlocal." + part)))
                    .check(MAIN);
        }
    }

    @Test
    void onlyTheCommandLineAndTheJUnitSupportUseTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("dev.iotlocal", "dev.iotlocal.cli..", "dev.iotlocal.junit..")
                .should().dependOnClassesThat().resideInAPackage("dev.iotlocal")
                .check(MAIN);
    }

    @Test
    void noPartUsesTheCommandLineOrTheJUnitSupport() {
        noClasses().that().resideOutsideOfPackages("dev.iotlocal.cli..", "dev.iotlocal.junit..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.iotlocal.cli..", "dev.iotlocal.junit..")
                .check(MAIN);
    }
}
