#!/usr/bin/env bash
# The time of one template change with 100 and with 10,000 devices (goal: less than 2x apart).
#   bash bench/template-change.sh [sizes...]
set -euo pipefail
source "$(dirname "$0")/lib/bench-java.sh"
CP=$(bench_classpath)
java -Xmx512m -cp "$CP" -Dhost.log.level=WARN -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.endpointmanager.bench.TemplateChangeBenchmark "$@" 2>&1 | grep -E '^RESULT|Exception|at org' 
