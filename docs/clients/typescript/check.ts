// A TypeScript client of `changrenzhi serve`, typed from its OpenAPI document.
//
//   docs/clients/typescript/generate.sh        # writes changrenzhi.d.ts from schema/openapi.json
//   npx tsx check.ts http://127.0.0.1:8000 guoyuan ../../../policies/guoyuan/examples/guoyuan-2009-2010.jsonl 2010-09-20
//
// `paths` and `components` are generated (openapi-typescript); openapi-fetch checks every path,
// parameter and body against them at compile time.
import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import type { components, paths } from "./changrenzhi.d.ts";

type Findings = components["schemas"]["Findings"];
type ErrorDocument = components["schemas"]["Error"];

const [base, pack, logFile, asOf] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl: base });

// The log as JSON Lines in the request (a JSON array of events would do as well).
const { data, error, response } = await client.POST("/check", {
  body: { pack, events: readFileSync(logFile, "utf-8"), as_of: asOf, lang: "en" },
});

if (error) {
  // a 4xx: the error document the CLI prints with --format json, each error located
  for (const e of (error as ErrorDocument).errors) {
    console.error(`${e.file ?? ""}:${e.line ?? ""} ${e.field ?? ""}: ${e.message}`);
  }
  process.exit(2);
}
const report = data as Findings;
for (const f of report.findings.filter((f) => f.status === "violation")) {
  console.log(`[${f.rule}] ${f.message}  #${f.id}`);
}
console.log(report.summary, "exit", response.headers.get("x-changrenzhi-exit"));
