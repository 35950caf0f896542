/** Shared test helpers: the spec folder and a cached pipeline run over it. */
import { existsSync } from "node:fs";
import { runPipeline, type PipelineResult } from "../generator/pipeline.js";
import { specsDir } from "../generator/specs.js";

/** Whether ../shared/specs is there; tests that read it are skipped otherwise. */
export const specsAvailable = existsSync(specsDir());
if (!specsAvailable) console.warn(`schemas tests: ${specsDir()} not found; skipping the tests that read the vendor specs`);

let cached: Promise<PipelineResult> | undefined;

/** The pipeline result over the real specs (computed once per test file). */
export function pipeline(): Promise<PipelineResult> {
  cached ??= runPipeline();
  return cached;
}
