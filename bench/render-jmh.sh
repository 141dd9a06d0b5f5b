#!/usr/bin/env bash
# JMH: rendering each vendor's MAC file (with and without validation), without the render cache.
#   bash bench/render-jmh.sh [JMH options, e.g. -f 1 -wi 2 -i 3]
set -euo pipefail
source "$(dirname "$0")/lib/bench-java.sh"
CP=$(bench_classpath)
java -cp "$CP" org.openjdk.jmh.Main -jvmArgsPrepend "-cp $CP" org.endpointmanager.bench.RenderBenchmark "$@"
