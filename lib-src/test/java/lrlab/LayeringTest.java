package lrlab;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import lrlab.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The library's shape, checked on its compiled classes (ArchUnit): two layers, no package cycles, every
 * argument check through {@code lrlab.util.Check}.
 */
@AnalyzeClasses(packages = "lrlab", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    /** The domain layer: what a run computes, never how it is shown or which lesson uses it. */
    static final String[] DOMAIN = {"lrlab.objective..", "lrlab.optim..", "lrlab.schedule..", "lrlab.analysis..",
        "lrlab.trace..", "lrlab.data..", "lrlab.model..", "lrlab.train..", "lrlab.find..", "lrlab.tune..",
        "lrlab.util.."};

    @ArchTest
    static final ArchRule domainPackagesNeverDependOnDisplayOrLesson = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("lrlab.display..", "lrlab.lesson..")
            .because("the domain layer is what notebooks, tests and the oracle replay share; display and lesson code sit on top");

    @ArchTest
    static final ArchRule theLibraryNeverUsesTheOracleReplay = noClasses()
            .that().resideInAPackage("lrlab..")
            .should().dependOnClassesThat().resideInAPackage("lrlab.oracle..")
            .because("the PyTorch replay is its own source set (lib-src/oracle/java, lrlab-oracle.jar), off the kernel's classpath");

    /** The replay's classes come from their own output, and the library's classes hold none of them. */
    @Test
    void theOracleReplayIsCompiledApartFromTheLibrary() throws Exception {
        URL library = Trainer.class.getProtectionDomain().getCodeSource().getLocation();
        URL oracle = Class.forName("lrlab.oracle.Replay").getProtectionDomain().getCodeSource().getLocation();
        assertNotEquals(library, oracle);
        assertFalse(Files.exists(Path.of(library.toURI()).resolve("lrlab/oracle")), "no lrlab/oracle in " + library);
    }

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("lrlab.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule argumentChecksGoThroughCheck = noClasses()
            .that().resideOutsideOfPackage("lrlab.util")
            .should().callConstructorWhere(target(owner(assignableTo(IllegalArgumentException.class))))
            .because("every argument check goes through lrlab.util.Check, so messages name the argument, the range and the value one way");
}
