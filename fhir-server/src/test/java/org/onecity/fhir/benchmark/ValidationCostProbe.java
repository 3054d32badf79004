package org.onecity.fhir.benchmark;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.onecity.fhir.quality.ConformanceChecker;
import org.onecity.fhir.quality.OneCityProfiles;
import org.onecity.fhir.support.HospitalFeed;

public class ValidationCostProbe {
    public static void main(String[] args) {
        FhirContext ctx = FhirContext.forR4Cached();
        long s = System.nanoTime();
        ConformanceChecker v = new ConformanceChecker(ctx, OneCityProfiles.load(ctx));
        System.out.printf("COST startup %.0f ms%n", (System.nanoTime() - s) / 1e6);
        Bundle b = new HospitalFeed("H001").history(1, HospitalFeed.Shape.BENCHMARK);
        for (int round = 0; round < 15; round++) {
            long t0 = System.nanoTime();
            int n = 0, problems = 0;
            for (int k = 0; k < 10; k++) {
                for (var e : b.getEntry()) { problems += v.check(e.getResource(), "x").size(); n++; }
            }
            System.out.printf("COST round %d: %.3f ms per resource, problems %d%n", round, (System.nanoTime() - t0) / 1e6 / n, problems);
        }
    }
}
