#!/usr/bin/env bash
# The jessy-test image's entry point: `./mvnw -o ARGS...` in /workspace, then every report the run
# wrote (Surefire, Failsafe, Cucumber, JaCoCo HTML) copied to /reports/<module>/; exits as Maven did.
set -uo pipefail
cd /workspace || exit 1
./mvnw -o "$@"
rc=$?
for module in jessy-*/; do
  module=${module%/}
  for report in surefire-reports failsafe-reports cucumber site/jacoco; do
    if [[ -d $module/target/$report ]]; then
      mkdir -p "/reports/$module/$report"
      cp -r "$module/target/$report/." "/reports/$module/$report/"
    fi
  done
done
echo "reports in /reports (the test-results directory); maven exit code $rc"
exit "$rc"
