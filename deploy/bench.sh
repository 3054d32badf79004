#!/usr/bin/env bash
# Runs a benchmark program of the repository; figures go into docs/benchmarks.md by hand, with machine and date.
set -euo pipefail
name="${1:-}"
shift || true
case "$name" in
  fhir-ingest)
    ./mvnw -q -B -DskipTests install -pl fhir-server -am
    exec ./mvnw -q -B -pl fhir-server exec:java -Dexec.classpathScope=test \
      -Dexec.mainClass=org.onecity.fhir.benchmark.IngestBenchmark -Djar=fhir-server/target/fhir-server.jar "$@"
    ;;
  fhir-read)
    ./mvnw -q -B -DskipTests install -pl fhir-server -am
    exec ./mvnw -q -B -pl fhir-server exec:java -Dexec.classpathScope=test \
      -Dexec.mainClass=org.onecity.fhir.benchmark.ReadBenchmark -Djar=fhir-server/target/fhir-server.jar "$@"
    ;;
  *)
    echo "benchmarks: fhir-ingest, fhir-read" >&2
    exit 2
    ;;
esac
