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

case "$name" in
  fhir-ingest) fhir_benchmark IngestBenchmark "$@" ;;
  fhir-read) fhir_benchmark ReadBenchmark "$@" ;;
  fhir-prior-results) fhir_benchmark PriorResultsBenchmark "$@" ;;
  billing) billing_benchmark "$@" ;;
  *)
    echo "benchmarks: fhir-ingest, fhir-read, fhir-prior-results, billing" >&2
    exit 2
    ;;
esac
