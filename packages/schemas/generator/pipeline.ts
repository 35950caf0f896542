/**
 * The whole pipeline, shared by the CLI and the tests: load the specs, read and merge their
 * operations, apply the overrides, and (optionally) emit the files.
 */
import { existsSync, readdirSync } from "node:fs";
import { overrides as allOverrides } from "../src/overrides/index.js";
import { limits } from "../src/overrides/limits.js";
import type { Override } from "../src/overrides/types.js";
import { xpanseOperations } from "../src/hand/xpanse.js";
import { undocumentedOperations } from "../src/hand/undocumented.js";
import { cloudOnboardingOperations } from "../src/hand/cloud-onboarding.js";
import { integrationOperations } from "../src/hand/integrations.js";
import type { Node } from "./clean.js";
import { emitAll, type GeneratedFile } from "./emit.js";
import { GeneratorError, buildTable, readAll, type SpecOperation, type TableOperation } from "./normalise.js";
import { SPEC_FILES, loadSpec, specsDir, type LoadedSpec } from "./specs.js";

/** Everything the generator knows after a run. */
export interface PipelineResult {
  readonly specs: readonly LoadedSpec[];
  readonly views: readonly SpecOperation[];
  readonly table: readonly TableOperation[];
  readonly components: ReadonlyMap<string, Node>;
  readonly overrides: readonly Override[];
}

/** Loads every spec listed in SPEC_FILES; fails on a spec in the folder that is not listed. */
export async function loadAll(dir = specsDir()): Promise<LoadedSpec[]> {
  if (!existsSync(dir)) throw new GeneratorError(`schemas generator: specs folder ${dir} not found`);
  const onDisk = readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f));
  const listed = new Set(SPEC_FILES.map((s) => s.file));
  const unknown = onDisk.filter((f) => !listed.has(f));
  if (unknown.length > 0) throw new GeneratorError(`schemas generator: ${unknown.join(", ")} in ${dir} not listed in generator/specs.ts (add it with its family)`);
  const missing = SPEC_FILES.filter((s) => !onDisk.includes(s.file));
  if (missing.length > 0) throw new GeneratorError(`schemas generator: ${missing.map((s) => s.file).join(", ")} missing from ${dir}`);
  const out: LoadedSpec[] = [];
  for (const spec of SPEC_FILES) out.push(await loadSpec(dir, spec));
  return out;
}

/** Runs the pipeline up to the table. */
export async function runPipeline(options: { dir?: string; overrides?: readonly Override[] } = {}): Promise<PipelineResult> {
  const overrides = options.overrides ?? allOverrides;
  const specs = await loadAll(options.dir);
  const used = new Set<Override>();
  for (const loaded of specs) {
    for (const ref of loaded.brokenRefs) {
      const ack = overrides.find((o) => o.kind === "brokenRef" && o.spec === loaded.spec.file && o.ref === ref);
      if (ack === undefined) throw new GeneratorError(`schemas generator: ${loaded.spec.file}: reference ${ref} points nowhere; add a brokenRef override with the reason`);
      used.add(ack);
    }
  }
  for (const o of overrides) {
    if (o.kind === "brokenRef" && !used.has(o)) throw new GeneratorError(`schemas generator: brokenRef override ${o.spec} ${o.ref} matches no broken reference (${o.reason})`);
  }
  const views = readAll(specs, overrides, used);
  const table = buildTable(views, [...xpanseOperations, ...undocumentedOperations, ...cloudOnboardingOperations, ...integrationOperations], overrides, used);
  const problems = table.flatMap((row) => row.problems.map((p) => `${p.spec} ${row.key} at ${p.at || "/"}: ${p.problem}`));
  if (problems.length > 0) throw new GeneratorError(`schemas generator: ${problems.length} schema(s) cannot be read:\n  ${problems.join("\n  ")}`);
  const ids = new Set(table.map((r) => r.entry.id));
  for (const id of Object.keys(limits)) {
    if (!ids.has(id)) throw new GeneratorError(`schemas generator: src/overrides/limits.ts names ${id}, which is not an operation`);
  }
  const components = new Map<string, Node>();
  for (const spec of specs) for (const [name, node] of spec.components) components.set(name, node);
  return { specs, views, table, components, overrides };
}

/** Runs the pipeline and emits the files. */
export async function generate(dir?: string): Promise<{ result: PipelineResult; files: GeneratedFile[] }> {
  const result = await runPipeline(dir === undefined ? {} : { dir });
  return { result, files: emitAll(result.table, result.components) };
}
