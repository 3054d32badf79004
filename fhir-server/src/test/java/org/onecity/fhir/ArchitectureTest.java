package org.onecity.fhir;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The edges of fhir-server, written against packages that exist. */
@AnalyzeClasses(packages = "org.onecity.fhir", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dataQualityRulesAreFreeOfSpringAndHttp = noClasses()
            .that().resideInAPackage("org.onecity.fhir.quality..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..",
                    "org.onecity.fhir.ingest..", "org.onecity.fhir.server..");

    @ArchTest
    static final ArchRule theCityRecordUsesNoOtherServicesClasses = noClasses()
            .that().resideInAPackage("org.onecity.fhir..")
            .should().dependOnClassesThat().resideInAnyPackage("org.onecity.imaging..", "org.onecity.billing..",
                    "org.onecity.batch..", "org.onecity.hub..");

    @ArchTest
    static final ArchRule attachmentsKnowNothingOfHospitals = noClasses()
            .that().resideInAPackage("org.onecity.fhir.attachments..")
            .should().dependOnClassesThat().resideInAnyPackage("org.onecity.fhir.ingest..", "org.onecity.fhir.quality..");
}
