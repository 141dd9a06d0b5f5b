# Compiles the bench module against this checkout's host jar and prints its class path (sourced).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_classpath() {
  build_jar
  (cd "$ROOT/bench" && mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
      -Dmdep.includeScope=compile >&2)
  echo "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt"):$JAR"
}
