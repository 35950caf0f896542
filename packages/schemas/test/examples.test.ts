import { describe, expect, it } from "vitest";
import { requestValidator, responseValidator } from "../src/generated/validators.js";
import { pipeline, specsAvailable } from "./helpers.js";
import type { TableOperation, SpecExample } from "../generator/normalise.js";

/** Removes the wire envelope of an example, as the SDK does before validating. */
function unwrap(row: TableOperation, example: SpecExample): { ok: true; value: unknown } | { ok: false } {
  const value = example.value;
  const entry = row.entry;
  if (example.target === "request") {
    if (entry.requestEnvelope === "request_data" || entry.requestEnvelope === "request_data_array") {
      if (value === null || typeof value !== "object" || !("request_data" in (value as object))) return { ok: false };
      return { ok: true, value: (value as { request_data: unknown }).request_data };
    }
    return { ok: true, value };
  }
  if (entry.replyEnvelope === "reply") {
    if (value === null || typeof value !== "object" || !("reply" in (value as object))) return { ok: false };
    return { ok: true, value: (value as { reply: unknown }).reply };
  }
  if (entry.replyEnvelope === "data") {
    if (value === null || typeof value !== "object" || !("data" in (value as object))) return { ok: false };
    return { ok: true, value: (value as { data: unknown }).data };
  }
  return { ok: true, value };
}

describe.skipIf(!specsAvailable)("every example embedded in the specs validates", () => {
  it("validates, except where an example override says why", async () => {
    const { table, overrides } = await pipeline();
    const failures: string[] = [];
    let checked = 0;
    let skipped = 0;
    for (const row of table) {
      for (const example of row.examples) {
        const excused = overrides.find(
          (o) => o.kind === "example" && o.operation === row.key && o.spec === example.spec && o.target === example.target && (o.example === "*" || o.example === example.name),
        );
        const validator = example.target === "request" ? requestValidator(row.entry.id) : responseValidator(row.entry.id);
        const label = `${example.spec} ${row.key} ${example.target} "${example.name}"`;
        const unwrapped = unwrap(row, example);
        let problem: string | undefined;
        if (!unwrapped.ok) problem = "example lacks the envelope";
        else if (validator === undefined) problem = "no validator for an operation with an example";
        else {
          const result = await validator["~standard"].validate(unwrapped.value);
          if (result.issues !== undefined) problem = result.issues.slice(0, 3).map((i) => `${(i.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".")}: ${i.message}`).join("; ");
        }
        if (excused !== undefined) {
          skipped++;
          continue;
        }
        checked++;
        if (problem !== undefined) failures.push(`${label}: ${problem}`);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThanOrEqual(0);
  });
});
