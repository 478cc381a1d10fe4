package se.companydata.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure is the architecture (docs/architecture.md "Project layout"): no package depends on
 * itself through others, the protocol adapters stay on top, and nothing below them knows which protocol asked.
 */
class ArchitectureTest {

    private static final String ROOT = "se.companydata.gateway";
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingBelowTheProtocolAdaptersKnowsWhichProtocolAsked() {
        noClasses().that().resideInAnyPackage(ROOT + ".service..", ROOT + ".client..", ROOT + ".domain..", ROOT + ".audit..",
                        ROOT + ".security..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".rest..", ROOT + ".soap..")
                .check(classes);
    }

    @Test
    void theDomainDependsOnNothingOfTheGateway() {
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".service..", ROOT + ".client..", ROOT + ".audit..",
                        ROOT + ".security..", ROOT + ".config..", ROOT + ".sandbox..", ROOT + ".priming..", ROOT + ".http..")
                .check(classes);
    }

    @Test
    void theAuditChainIsJdkOnlySoAVerifierNeedsNothingElse() {
        classes().that().resideInAPackage(ROOT + ".audit.chain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".audit.chain..", "java..")
                .check(classes);
    }

    @Test
    void onlyTheTrailAndTheCommandChooseAStore() {
        noClasses().that().resideInAnyPackage(ROOT + ".audit", ROOT + ".audit.chain..", ROOT + ".audit.report..",
                        ROOT + ".audit.journal..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".audit.trail..", ROOT + ".audit.admin..",
                        ROOT + ".audit.postgres..")
                .check(classes);
    }
}
