package org.onecity.hub;

import java.util.Random;
import java.util.UUID;

/**
 * The heavy patient of fhir-server's prior-results benchmark (PriorResultsBenchmark with HospitalFeed's shape of 10
 * encounters, 320 lab results, 40 reports, 10 documents, 10 orders and 18 charges per hospital), as one hospital's
 * push of FHIR JSON: about 400 resources at each of the five hospitals, one citizen ID, so matching links them into
 * one city patient of about 2,000.
 */
final class HeavyHistory {

    static final String CITIZEN_ID = citizenId("37020219800101123");
    private static final String[][] TESTS = {
            {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", "12", "17.5"},
            {"6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", "4", "11"},
            {"777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", "150", "400"},
            {"2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", "70", "110"},
            {"2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", "0.6", "1.3"},
            {"2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", "135", "145"},
    };

    private HeavyHistory() {
    }

    /** The transaction a hospital's HIS would push: the Patient and 408 records of ten visits. */
    static String at(String hospital) {
        String ns = "https://fhir.onecity.example/sid/hospital/" + hospital + "/";
        Random random = new Random(hospital.hashCode());
        StringBuilder entries = new StringBuilder();
        String patient = add(entries, "Patient", """
                {"resourceType":"Patient","identifier":[{"system":"%smrn","value":"HEAVY-1"},
                 {"system":"https://fhir.onecity.example/sid/citizen-id","value":"%s"},
                 {"system":"https://fhir.onecity.example/sid/insurance-card","value":"SC9999999999"}],
                 "name":[{"family":"Zhao","given":["Lei"]}],"gender":"male","birthDate":"1980-01-01"}"""
                .formatted(ns, CITIZEN_ID));
        String[] encounters = new String[10];
        for (int e = 0; e < 10; e++) {
            encounters[e] = add(entries, "Encounter", """
                    {"resourceType":"Encounter","identifier":[{"system":"%sencounter","value":"HEAVY-%d"}],"status":"finished",
                     "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB","display":"ambulatory"},
                     "subject":{"reference":"%s"},"period":{"start":"%s","end":"%s"}}"""
                    .formatted(ns, e, patient, day(e), day(e)));
        }
        String[] results = new String[320];
        for (int o = 0; o < 320; o++) {
            String[] test = TESTS[o % TESTS.length];
            double low = Double.parseDouble(test[3]);
            double high = Double.parseDouble(test[4]);
            results[o] = add(entries, "Observation", """
                    {"resourceType":"Observation","identifier":[{"system":"%slab-result","value":"HEAVY-%d"}],"status":"final",
                     "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                     "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]},"subject":{"reference":"%s"},
                     "encounter":{"reference":"%s"},"effectiveDateTime":"%s",
                     "valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}}"""
                    .formatted(ns, o, test[0], test[1], patient, encounters[o % 10], day(o % 10),
                            String.format(java.util.Locale.ROOT, "%.1f", low + (high - low) * (random.nextDouble() * 1.4 - 0.2)),
                            test[2], test[2]));
        }
        for (int r = 0; r < 40; r++) {
            StringBuilder reported = new StringBuilder();
            for (int o = r * 8; o < r * 8 + 8; o++) {
                reported.append(o == r * 8 ? "" : ",").append("{\"reference\":\"").append(results[o]).append("\"}");
            }
            add(entries, "DiagnosticReport", """
                    {"resourceType":"DiagnosticReport","identifier":[{"system":"%sreport","value":"HEAVY-%d"}],"status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"24323-8","display":"Comprehensive metabolic 2000 panel - Serum or Plasma"}]},
                     "subject":{"reference":"%s"},"effectiveDateTime":"%s","issued":"%s","result":[%s]}"""
                    .formatted(ns, r, patient, day(r % 10), day(r % 10), reported));
        }
        for (int d = 0; d < 10; d++) {
            add(entries, "DocumentReference", """
                    {"resourceType":"DocumentReference","masterIdentifier":{"system":"%sdocument","value":"HEAVY-%d"},
                     "status":"current","type":{"coding":[{"system":"http://loinc.org","code":"18842-5","display":"Discharge summary"}]},
                     "subject":{"reference":"%s"},"date":"%s",
                     "content":[{"attachment":{"contentType":"text/plain","data":"RGlzY2hhcmdlZCwgc3RhYmxlLg=="}}]}"""
                    .formatted(ns, d, patient, day(d)));
            add(entries, "ServiceRequest", """
                    {"resourceType":"ServiceRequest","identifier":[{"system":"%sorder","value":"HEAVY-%d"}],"status":"completed",
                     "intent":"order","code":{"coding":[{"system":"http://loinc.org","code":"58410-2"}]},
                     "subject":{"reference":"%s"},"authoredOn":"%s"}""".formatted(ns, d, patient, day(d)));
        }
        for (int c = 0; c < 18; c++) {
            add(entries, "ChargeItem", """
                    {"resourceType":"ChargeItem","identifier":[{"system":"%scharge","value":"HEAVY-%d"}],"status":"billable",
                     "code":{"coding":[{"system":"https://fhir.onecity.example/CodeSystem/price-catalogue","code":"250101%d"}]},
                     "subject":{"reference":"%s"},"context":{"reference":"%s"},"quantity":{"value":1}}"""
                    .formatted(ns, c, c, patient, encounters[c % 10]));
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
    }

    /** H002 admits the patient: an inpatient stay in progress, so that Dr Chen at H002 cares for him. */
    static String admissionAtH002() {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Encounter",
                 "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H002/encounter","value":"HEAVY-STAY"}],
                 "status":"in-progress","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP","display":"inpatient encounter"},
                 "subject":{"reference":"Patient?identifier=https://fhir.onecity.example/sid/hospital/H002/mrn|HEAVY-1"},
                 "period":{"start":"2026-12-01T09:00:00+08:00"}},"request":{"method":"POST","url":"Encounter"}}]}"""
                .formatted(UUID.randomUUID());
    }

    private static String add(StringBuilder entries, String type, String resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        entries.append(entries.isEmpty() ? "" : ",").append("{\"fullUrl\":\"").append(fullUrl).append("\",\"resource\":")
                .append(resource).append(",\"request\":{\"method\":\"POST\",\"url\":\"").append(type).append("\"}}");
        return fullUrl;
    }

    private static String day(int visit) {
        return java.time.LocalDate.of(2024, 1, 1).plusDays(30L * visit) + "T09:00:00+08:00";
    }

    /** ISO 7064 MOD 11-2, as citizen IDs carry it: the records must pass the city's data quality checks. */
    private static String citizenId(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
