package org.onecity.billing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The edges of billing: the money rules are plain Java, features do not go round in circles. */
@AnalyzeClasses(packages = "org.onecity.billing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule moneyAndInsuranceRulesArePlainJava = noClasses()
            .that().resideInAnyPackage("org.onecity.billing.money..", "org.onecity.billing.policy..",
                    "org.onecity.billing.catalogue..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                    "jakarta.servlet..");

    @ArchTest
    static final ArchRule ledgerTransactionsArePlainJava = noClasses()
            .that().haveSimpleNameStartingWith("LedgerTransaction").or().haveSimpleName("Posting")
            .or().haveSimpleName("LedgerAccount")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("org.onecity.billing.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule billingUsesNoOtherServicesClasses = noClasses()
            .that().resideInAPackage("org.onecity.billing..")
            .should().dependOnClassesThat().resideInAnyPackage("org.onecity.fhir..", "org.onecity.imaging..",
                    "org.onecity.batch..", "org.onecity.hub..");
}
