// Validate reports with nothing but the published files in schemas/:
// (a) structure, with Ajv in JSON Schema 2020-12 strict mode, and
// (b) every identity, by evaluating rules-<edition>.json: read the pointers, sum, compare.
//
// usage: node check.mjs DOCUMENTS.json [SCHEMAS_DIR]
// DOCUMENTS.json holds one report document, or a JSON array of them. Prints, per
// document, {"schema_valid", "schema_errors", "failed", "not_assessable"}: one such
// object for one document, a JSON array of them for an array. Exit 2 when the file
// cannot be read or is not JSON.
//
// usage: node check.mjs --pairs PAIRS.json [SCHEMAS_DIR]
// PAIRS.json holds a JSON array of [previous, current] reports of one agency for
// consecutive years; evaluates the cross-report rules (the "checks" of kind
// cross_report in rules-<current edition>.json). Prints, per pair, {"failed", "not_assessable"}.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const pairsMode = args[0] === "--pairs";
const [documentsPath, schemasDir = join(here, "..", "..", "schemas")] = pairsMode ? args.slice(1) : args;
const load = (name) => JSON.parse(readFileSync(join(schemasDir, name), "utf8"));

// Strict mode: unknown keywords are errors, so the annotations are declared.
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addVocabulary(["x-legal-basis", "x-unit", "x-short-title", "x-label-en"]);
for (const name of readdirSync(schemasDir).filter((n) => n.endsWith(".schema.json"))) {
  ajv.addSchema(load(name));
}
const validateReport = ajv.getSchema(load("report.schema.json").$id);
const rules = { "2019": load("rules-2019.json"), "2021": load("rules-2021.json") };

// RFC 6901: "~1" is "/", "~0" is "~".
function resolve(doc, pointer) {
  let value = doc;
  for (const token of pointer.split("/").slice(1)) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

// Sums as BigInt: 22 cells of up to 2**53 - 1 can exceed what a double keeps exact.
function sum(values) {
  let total = 0n;
  let missing = false;
  for (const value of values) {
    if (value === null) missing = true;
    else if (Number.isSafeInteger(value)) total += BigInt(value);
    else return { unusable: true };
  }
  return { total, missing };
}

function evaluate(doc) {
  const catalogue = rules[doc?.edition];
  const failed = [];
  const notAssessable = [];
  if (!catalogue) return { failed, notAssessable };
  for (const rule of catalogue.rules) {
    const left = sum(rule.left.map((pointer) => resolve(doc, pointer)));
    const right = sum(rule.right.map((pointer) => resolve(doc, pointer)));
    if (left.unusable || right.unusable) continue; // a structural error covers it
    if (left.missing || right.missing) notAssessable.push(rule.id);
    else if (left.total !== right.total) failed.push(rule.id);
  }
  return { failed, notAssessable };
}

// A cross-report rule: terms name the previous or the current report.
function evaluatePair([previous, current]) {
  const catalogue = rules[current?.edition];
  const failed = [];
  const notAssessable = [];
  if (!catalogue || !rules[previous?.edition]) return { failed, notAssessable };
  const reports = { previous, current };
  const total = (terms) => sum(terms.map((term) => resolve(reports[term.report], term.pointer)));
  for (const check of catalogue.checks) {
    if (check.kind !== "cross_report" || !check.previous_editions.includes(previous.edition)) {
      continue;
    }
    const left = total(check.left);
    const right = total(check.right);
    if (left.unusable || right.unusable) continue;
    if (left.missing || right.missing) notAssessable.push(check.id);
    else if (left.total !== right.total) failed.push(check.id);
  }
  return { failed, notAssessable };
}

// Bad input is one line on stderr and exit 2, never a stack trace.
const fail = (message) => {
  process.stderr.write(`check.mjs: ${message}\n`);
  process.exit(2);
};
if (!documentsPath) fail("usage: node check.mjs DOCUMENTS.json [SCHEMAS_DIR]");
let text;
try {
  text = readFileSync(documentsPath, "utf8");
} catch (error) {
  fail(`${documentsPath}: cannot read it (${error.code ?? error.message})`);
}
let input;
try {
  input = JSON.parse(text);
} catch (error) {
  fail(`${documentsPath}: not JSON (${error.message.split("\n")[0]})`);
}
if (pairsMode) {
  if (!Array.isArray(input) || !input.every((pair) => Array.isArray(pair) && pair.length === 2)) {
    fail(`${documentsPath}: not a JSON array of [previous, current] pairs`);
  }
  const verdicts = input.map((pair) => {
    const { failed, notAssessable } = evaluatePair(pair);
    return { failed, not_assessable: notAssessable };
  });
  process.stdout.write(JSON.stringify(verdicts) + "\n");
  process.exit(0);
}
// A report is an object, so an array can only be a list of documents.
const single = !Array.isArray(input);
const results = (single ? [input] : input).map((doc) => {
  const schemaValid = validateReport(doc);
  const { failed, notAssessable } = evaluate(doc);
  return {
    schema_valid: schemaValid,
    schema_errors: schemaValid ? [] : validateReport.errors.map((e) => e.instancePath),
    failed,
    not_assessable: notAssessable,
  };
});
process.stdout.write(JSON.stringify(single ? results[0] : results) + "\n");
