#!/usr/bin/env node
// Fails on an operation id written as a string that the compiler does not check, outside tests and
// generated code:
// - a call `x.request("…")` (or `paginate`, `stream`, `streamNdjson`) whose first argument is a string
//   literal (or a choice between literals) and whose resolved signature takes any string as the id: the
//   untyped `request<T>("…")` of CortexClient, where the caller names the reply type by hand. A call on
//   a typed surface passes: a product client's `request<Id extends XdrOperationId>` or a workflow's
//   `ShapedClient<Shapes>` (packages/workflows/src/shared/types.ts), whose id parameter is a type
//   parameter constrained to the operation ids, so the id, the body and the reply are checked.
// - in packages/core/src, any string literal that is an operation id of the table: core is the runtime;
//   which operation to call comes from the product (the table, the manifest, PROBE_OPERATIONS).
//
//   node scripts/check-untyped-requests.mjs                 every package and app (part of `pnpm run lint`)
//   node scripts/check-untyped-requests.mjs --package DIR [--core]   one folder with a tsconfig.json (tests of the rule)
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
const CALLS = new Set(["request", "paginate", "stream", "streamNdjson"]);

/** The packages to check: `{ dir, core }`, from the command line or every workspace package. */
function targets(argv) {
  const at = argv.indexOf("--package");
  if (at >= 0) return [{ dir: resolve(argv[at + 1] ?? "."), core: argv.includes("--core") }];
  return ["packages", "apps"].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, "tsconfig.json")))
      .map((entry) => ({ dir: join(root, group, entry.name), core: group === "packages" && entry.name === "core" })),
  );
}

/** Every operation id of the table (from the built schemas package). */
async function operationIds() {
  const entry = join(root, "packages", "schemas", "dist", "index.js");
  if (!existsSync(entry)) throw new Error(`${relative(root, entry)} is missing; run pnpm run build first.`);
  const { operations } = await import(pathToFileURL(entry).href);
  return new Set(operations.map((operation) => operation.id));
}

/** The string literals an id argument can be (`"a"`, `cond ? "a" : "b"`, `("a")`), or none. */
function literals(node) {
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) {
    return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  }
  return [];
}

/** Whether the resolved call takes its id as a type parameter (a typed surface) rather than any string. */
function typedId(checker, call) {
  const signature = checker.getResolvedSignature(call);
  const declaration = signature?.getDeclaration();
  const first = declaration?.parameters?.[0];
  if (first?.type === undefined) return false;
  const type = checker.getTypeFromTypeNode(first.type);
  return (type.flags & ts.TypeFlags.TypeParameter) !== 0;
}

function checkPackage({ dir, core }, ids) {
  const configPath = join(dir, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")); } });
  if (config === undefined) throw new Error(`${configPath}: cannot read`);
  // Hand-written source only: not tests (test/, test-support/), declarations or generated code.
  const files = config.fileNames.filter((file) => {
    const parts = relative(dir, file).split(/[\\/]/);
    return !file.endsWith(".d.ts") && parts[0] !== "test" && parts[0] !== "test-support" && !parts.includes("generated");
  });
  if (files.length === 0) return [];
  const program = ts.createProgram({ rootNames: files, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const problems = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (source === undefined) continue;
    const where = (node) => {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      return `${relative(root, file)}:${line + 1}:${character + 1}`;
    };
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && CALLS.has(node.expression.name.text) && node.arguments.length > 0) {
        const written = literals(node.arguments[0]);
        if (written.length > 0 && !typedId(checker, node)) {
          problems.push(`${where(node)} .${node.expression.name.text}(${written.map((id) => JSON.stringify(id)).join(" | ")}) goes to a signature that takes any string as the operation id; call it on a typed surface (the product client, or a ShapedClient of the operations' shapes) so the id, body and reply are checked.`);
        }
      }
      if (core && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && ids.has(node.text) && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        problems.push(`${where(node)} the operation id ${JSON.stringify(node.text)} is written in core's runtime; core calls what the product gives it (the table, the manifest, PROBE_OPERATIONS of @cortex-sdk/schemas).`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

const ids = await operationIds();
const problems = targets(process.argv.slice(2)).flatMap((target) => checkPackage(target, ids));
if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`untyped requests: ${problems.length} operation id(s) the compiler does not check.`);
  process.exit(1);
}
console.log("untyped requests: none (every operation id written outside tests is checked by the compiler)");
