package org.onecity.imaging;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The edges of imaging: DICOM reading, matching and identity rules are plain Java; features do not go round. */
@AnalyzeClasses(packages = "org.onecity.imaging", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dicomAndSourceRulesArePlainJava = noClasses()
            .that().resideInAnyPackage("org.onecity.imaging.dicom..", "org.onecity.imaging.source..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                    "jakarta.servlet..", "io.minio..");

    @ArchTest
    static final ArchRule theObjectStoreIsReachedOnlyThroughInstanceObjects = noClasses()
            .that().resideOutsideOfPackage("org.onecity.imaging.store..")
            .and().doNotHaveSimpleName("ImagingConfiguration")
            .should().dependOnClassesThat().resideInAPackage("io.minio..");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("org.onecity.imaging.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule imagingUsesNoOtherServicesClasses = noClasses()
            .that().resideInAPackage("org.onecity.imaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.onecity.fhir..", "org.onecity.billing..",
                    "org.onecity.batch..", "org.onecity.hub..");
}
