#!/usr/bin/env bash
# Runs a benchmark program of the repository; figures go into docs/benchmarks.md by hand, with machine and date.
set -euo pipefail
name="${1:-}"
shift || true

# a fhir-server benchmark: the packaged server jar, driven by a program of the test classpath
fhir_benchmark() {
  local program="$1"
  shift
  ./mvnw -q -B -DskipTests install -pl fhir-server -am
  exec ./mvnw -q -B -pl fhir-server exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass="org.onecity.fhir.benchmark.$program" -Djar=fhir-server/target/fhir-server.jar "$@"
}

# the billing benchmark: the packaged billing jar, driven by a program of billing's test classpath
billing_benchmark() {
  ./mvnw -q -B -DskipTests install -pl billing -am
  exec ./mvnw -q -B -pl billing exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.onecity.billing.benchmark.BillingBenchmark -Djar=billing/target/billing.jar "$@"
}

# the batch benchmark: the batch in this JVM, billing's packaged jar beside it (it owns billing's schema)
batch_benchmark() {
  ./mvnw -q -B -DskipTests install -pl billing,batch -am
  MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx512m" exec ./mvnw -q -B -pl batch exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.onecity.batch.benchmark.SettlementBenchmark -Dbilling.jar=billing/target/billing.jar \
    -Dbilling.log=batch/target/billing-process.log "$@"
}

# the imaging benchmark: the packaged imaging jar and Orthanc (Debian, installed with the test prerequisites) side by
# side, driven from imaging's tests
imaging_benchmark() {
  ./mvnw -q -B -DskipTests install -pl imaging -am
  MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g" exec ./mvnw -q -B -pl imaging exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.onecity.imaging.benchmark.ImagingBenchmark -Dimaging.jar=imaging/target/imaging.jar \
    -Dbench.folder=imaging/target/bench-imaging "$@"
}

# the soak: the packaged hub (all four services, embedded PostgreSQL and object store) under mixed load at once
soak_benchmark() {
  ./mvnw -q -B -DskipTests install
  exec ./mvnw -q -B -pl deploy/hub exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.onecity.hub.SoakBenchmark -Donecity.home="$PWD" "$@"
}

# the portal in a browser: the packaged hub and Debian's headless Chromium, driven from the hub's tests
portal_benchmark() {
  ./mvnw -q -B -DskipTests install
  exec ./mvnw -q -B -pl deploy/hub exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=org.onecity.hub.PortalBenchmark -Donecity.home="$PWD" "$@"
}

case "$name" in
  fhir-ingest) fhir_benchmark IngestBenchmark "$@" ;;
  fhir-read) fhir_benchmark ReadBenchmark "$@" ;;
  fhir-prior-results) fhir_benchmark PriorResultsBenchmark "$@" ;;
  billing) billing_benchmark "$@" ;;
  batch) batch_benchmark "$@" ;;
  imaging) imaging_benchmark "$@" ;;
  soak) soak_benchmark "$@" ;;
  portal) portal_benchmark "$@" ;;
  *)
    echo "benchmarks: fhir-ingest, fhir-read, fhir-prior-results, billing, batch, imaging, soak (-Dminutes=30), portal (-Druns=20)" >&2
    exit 2
    ;;
esac
