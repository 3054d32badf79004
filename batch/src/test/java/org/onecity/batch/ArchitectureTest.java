package org.onecity.batch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "org.onecity.batch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The batch settles billing's tables in the shared database; it never uses billing's classes. */
    @ArchTest
    static final ArchRule noOtherServicesClasses = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.onecity.billing..", "org.onecity.fhir..", "org.onecity.imaging..");

    /** The rules of matching and the file formats are plain Java: no Spring, no JDBC. */
    @ArchTest
    static final ArchRule rulesArePlainJava = noClasses().that()
            .haveSimpleNameEndingWith("Matching").or().haveSimpleName("StatementFiles").or()
            .haveSimpleName("Settlement").or().haveSimpleName("SettlementTotals").or().haveSimpleName("Yuan")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..");
}
