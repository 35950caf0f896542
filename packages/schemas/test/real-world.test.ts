import { describe, expect, it } from "vitest";
import { requestValidator, responseValidator, wireRequestValidator, wireResponseValidator, type StandardSchemaV1 } from "../src/generated/validators.js";
import { REAL_WORLD_EXAMPLES, type RealWorldExample } from "./fixtures/real-world.js";

function validatorOf(example: RealWorldExample): StandardSchemaV1 | undefined {
  if (example.target === "request") return example.wire ? wireRequestValidator(example.operation) : requestValidator(example.operation);
  return example.wire ? wireResponseValidator(example.operation) : responseValidator(example.operation);
}

async function issuesOf(example: RealWorldExample): Promise<string[]> {
  const validator = validatorOf(example);
  if (validator === undefined) throw new Error(`${example.operation}: no ${example.target} validator`);
  const result = await validator["~standard"].validate(example.body);
  return (result.issues ?? []).map((issue) => `${(issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".")}: ${issue.message}`);
}

describe("validators against real-world shaped examples", () => {
  it("covers every class with examples of its own", () => {
    const classes = new Map<string, number>();
    for (const example of REAL_WORLD_EXAMPLES) classes.set(example.kind, (classes.get(example.kind) ?? 0) + 1);
    expect(classes.size).toBe(15);
    for (const [kind, count] of classes) expect(count, kind).toBeGreaterThanOrEqual(2);
  });

  it("accepts every real-world variation and rejects every real mistake", async () => {
    const wrong: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (const example of REAL_WORLD_EXAMPLES) {
      const issues = await issuesOf(example);
      if (example.valid && issues.length === 0) accepted++;
      else if (!example.valid && issues.length > 0) rejected++;
      else wrong.push(`${example.kind} / ${example.name} (${example.operation} ${example.target}${example.wire ? ", wire" : ""}): ${example.valid ? issues.join("; ") : "accepted"}`);
    }
    const valid = REAL_WORLD_EXAMPLES.filter((example) => example.valid).length;
    console.info(`real-world examples: ${accepted}/${valid} variations accepted, ${rejected}/${REAL_WORLD_EXAMPLES.length - valid} mistakes rejected`);
    expect(wrong, wrong.join("\n")).toEqual([]);
  });

  it("names what is wrong in a rejected body", async () => {
    const byName = (name: string): RealWorldExample => REAL_WORLD_EXAMPLES.find((example) => example.name === name)!;
    expect((await issuesOf(byName("an incidents page given as alerts"))).join()).toMatch(/"incidents" stands where "alerts" is documented/);
    expect((await issuesOf(byName("incidents reply without reply"))).join()).toMatch(/^reply: /);
    expect((await issuesOf(byName("incidents request without request_data"))).join()).toMatch(/request_data/);
    expect((await issuesOf(byName("incidents filtered with like"))).join()).toMatch(/^request_data\.filters\.0\.operator: expected one of/);
    expect((await issuesOf(byName("an error body given as incidents"))).join()).toMatch(/different object/);
  });
});
