package org.onecity.hub;


/** What the hub prints once everything is up: where things are, who can sign in, and what to try first. */
final class Banner {

    private Banner() {
    }

    static void print(HubSettings settings, Infrastructure infrastructure, Supervisor supervisor) {
        StringBuilder text = new StringBuilder();
        text.append("""

                ==================================================================================
                 OneCity health hub is running
                ==================================================================================
                """);
        supervisor.services().values().forEach(service -> text.append(String.format(" %-12s %s%s   %s (log: %s)%n",
                service.spec.name(), service.spec.browserUrl(settings.host()), "", service.state,
                service.process.logFile())));
        text.append(" supervision  a service that exits is started again; its state is in ")
                .append(settings.dataDirectory().resolve("hub-status.json")).append('\n');
        text.append(" database     ").append(infrastructure.postgresDescription()).append('\n');
        text.append(" objects      ").append(infrastructure.objectStoreDescription()).append('\n');
        text.append(" identity     ").append(infrastructure.issuerDescription()).append('\n');
        String fhir = ServiceSpec.named(settings, "fhir-server").url(settings.host()) + "/fhir";
        text.append(String.format("""

                 Demo city: hospitals H001 (City Central, level 3), H002 (Eastern District, level 2),
                            H003 (Harbour Community, level 1), H004 (Western District, level 2),
                            H005 (Northern Women and Children's, level 3).
                            Zhang Wei has records at H001 and H002.

                 Portal: open %9$s and sign in as dr.chen (a doctor at H002), zhang.wei (a patient),
                         wu.jing (the insurer City Fund) or liu.yang (the health bureau).

                 Demo sign-ins (embedded issuer; every password is "demo"):
                   doctors   dr.wang (H001), dr.chen (H002), dr.zhao (H003)
                   patients  zhang.wei (citizen ID 37020219510102001X), li.na
                   insurer   wu.jing (City Fund)      bureau  liu.yang
                   systems   hospital-h001 … hospital-h005, insurer-city-fund, bureau-admin
                             (client secrets in common/src/main/resources/onecity-demo-identities.yaml)

                 Try:
                   TOKEN=$(./onecity token bureau-admin)        # or a doctor, a patient, a hospital system
                   curl -s -H "Authorization: Bearer $TOKEN" '%1$s/Patient?identifier=https://fhir.onecity.example/sid/citizen-id|37020219510102001X'
                   curl -s -H "Authorization: Bearer $(./onecity token zhang.wei)" '%1$s/Observation?code=http://loinc.org|718-7'
                   curl -s -H "Authorization: Bearer $(./onecity token zhang.wei)" '%1$s/AuditEvent'   # who looked
                   # Zhang Wei's city patient, linking his records at H001 and H002; its $everything spans both
                   curl -s -H "Authorization: Bearer $TOKEN" '%1$s/Patient?identifier=https://fhir.onecity.example/sid/citizen-id|37020219510102001X&_tag=http://hapifhir.io/fhir/NamingSystem/mdm-record-status|GOLDEN_RECORD'
                   curl -s '%3$s/cds-services'   # CDS Hooks: recognised prior results on order-select and order-sign
                   curl -s '%1$s/.well-known/smart-configuration'
                   # pay later: Zhang Wei (card SC0000000001) is in H002 without prepaying; his charges accumulate
                   H002=$(./onecity token hospital-h002)
                   curl -s -H "Authorization: Bearer $H002" '%4$s/visits?hospitalVisitId=H002-STAY-DEMO-1'
                   curl -s -H "Authorization: Bearer $H002" '%4$s/visits/<id>/pre-settlement'   # the split so far
                   curl -s -X POST -H "Authorization: Bearer $H002" '%4$s/visits/<id>/discharge'  # the final bill
                   curl -s -X POST -H "Authorization: Bearer $(./onecity token zhang.wei)" -H 'Idempotency-Key: my-1' \
                        -H 'Content-Type: application/json' -d '{"amount":"<patient share>"}' '%4$s/bills/<bill id>/payments'
                   curl -s -H "Authorization: Bearer $(./onecity token zhang.wei)" '%4$s/cards/SC0000000001/statement'
                   # the batch (the bureau): settle a day's bills with the insurers, watch the job, follow up overdue bills
                   curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
                        -d '{"period":"<yyyy-MM-dd>"}' '%5$s/jobs/insurer-settlement/executions'
                   curl -s -H "Authorization: Bearer $TOKEN" '%5$s/executions/<id>'     # progress: read, written, %% done
                   curl -s -X POST -H "Authorization: Bearer $TOKEN" '%5$s/jobs/overdue-pay-later/executions'
                   # settlement files and reports: %2$s/batch
                   # imaging: Zhang Wei's chest CT from H002, through DICOMweb and DIMSE (AE ONECITY, port %7$d)
                   curl -s -H "Authorization: Bearer $TOKEN" '%6$s/studies?PatientID=MRN-1'
                   curl -s -H "Authorization: Bearer $TOKEN" '%6$s/studies/%8$s/metadata'
                   curl -s -H "Authorization: Bearer $TOKEN" -H 'Accept: image/png' -o slice.png \
                        '%6$s/studies/%8$s/series/%8$s.1/instances/%8$s.1.2/rendered?window=40,400'
                   echoscu -aet H001_PACS -aec ONECITY 127.0.0.1 %7$d          # dcmtk; H001_PACS is a registered PACS
                   storescu -aet H001_PACS -aec ONECITY 127.0.0.1 %7$d <files.dcm>

                 Stop with Ctrl-C. Data stays in %2$s; delete that folder to start afresh.
                ==================================================================================
                """, fhir, settings.dataDirectory(), fhir.replaceFirst("/fhir$", ""),
                ServiceSpec.named(settings, "billing").url(settings.host()) + "/billing",
                ServiceSpec.named(settings, "batch").url(settings.host()) + "/batch",
                ServiceSpec.named(settings, "imaging").url(settings.host()) + "/dicomweb", 11112 + settings.portOffset(),
                DemoImages.STUDY_UID, ServiceSpec.named(settings, "portal").browserUrl(settings.host())));
        System.out.println(text);
    }
}
