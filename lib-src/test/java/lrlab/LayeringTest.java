package lrlab;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
    static final ArchRule packagesAreFreeOfCycles = slices().matching("lrlab.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule argumentChecksGoThroughCheck = noClasses()
            .that().resideOutsideOfPackage("lrlab.util")
            .should().callConstructorWhere(target(owner(assignableTo(IllegalArgumentException.class))))
            .because("every argument check goes through lrlab.util.Check, so messages name the argument, the range and the value one way");
}
