/**
 * The spec files the generator reads (in place, from ../shared/specs) and how each is loaded.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import $RefParser from "@apidevtools/json-schema-ref-parser";
import { parse as parseYaml } from "yaml";
import type { Node } from "./clean.js";

/** One input spec. Order matters: for an operation described by several specs, the first is primary. */
export interface SpecFile {
  /** File name inside the specs folder. */
  readonly file: string;
  /** Prefix of the TypeScript names of its components, e.g. `Xsoar` → `XsoarIncident`. */
  readonly typePrefix: string;
  /** Product family: decides the id namespace and the default products (see products.ts). */
  readonly family: "xdr" | "platform" | "module" | "xsoar";
}

/** Every spec file, primary first. A spec file in the folder but not here fails the generator. */
export const SPEC_FILES: readonly SpecFile[] = [
  { file: "xsiam-2.8.json", typePrefix: "Xs28", family: "xdr" },
  { file: "xsiam-3.4-platform.json", typePrefix: "Xs34", family: "platform" },
  { file: "platform-3.4-agent-configurations-papi.yaml", typePrefix: "AgentConfig", family: "module" },
  { file: "platform-3.4-appsec-papi.json", typePrefix: "AppSec", family: "module" },
  { file: "platform-3.4-asset-compliance-papi.yaml", typePrefix: "AssetCompliance", family: "module" },
  { file: "platform-3.4-ciem-papi.json", typePrefix: "Ciem", family: "module" },
  { file: "platform-3.4-compliance-papi.json", typePrefix: "Compliance", family: "module" },
  { file: "platform-3.4-cspm-policies-papi.json", typePrefix: "Cspm", family: "module" },
  { file: "platform-3.4-cwp-papi.json", typePrefix: "Cwp", family: "module" },
  { file: "platform-3.4-cwp-unmanaged-registry-connector-papi.json", typePrefix: "CwpRegistry", family: "module" },
  { file: "platform-3.4-disable-injection-prevention-rule-papi.json", typePrefix: "InjectionRule", family: "module" },
  { file: "platform-3.4-disable-prevention-rule-papi.json", typePrefix: "PreventionRule", family: "module" },
  { file: "platform-3.4-dspm-papi.json", typePrefix: "Dspm", family: "module" },
  { file: "platform-3.4-iam-platform-papi.json", typePrefix: "Iam", family: "module" },
  { file: "platform-3.4-managed-threat-detection-papi.yaml", typePrefix: "Mtd", family: "module" },
  { file: "platform-3.4-netscan-papi.yaml", typePrefix: "NetScan", family: "module" },
  { file: "platform-3.4-platform-external-application-papi.json", typePrefix: "ExternalApp", family: "module" },
  { file: "platform-3.4-platform-notifications-papi.json", typePrefix: "Notifications", family: "module" },
  { file: "platform-3.4-trusted-images-policies-papi.json", typePrefix: "TrustedImages", family: "module" },
  { file: "platform-3.4-uvem-papi.json", typePrefix: "Uvem", family: "module" },
  { file: "platform-3.4-vulnerability-intelligence-papi.json", typePrefix: "VulnIntel", family: "module" },
  { file: "xsoar-6.json", typePrefix: "Xsoar", family: "xsoar" },
  { file: "xsoar-server-swagger.json", typePrefix: "XsoarServer", family: "xsoar" },
];

/** A loaded, dereferenced spec plus the names of its components by object identity. */
export interface LoadedSpec {
  readonly spec: SpecFile;
  readonly doc: Record<string, unknown>;
  /** Component schema object → `<typePrefix><Name>`. */
  readonly names: Map<object, string>;
  readonly swagger2: boolean;
  /** Local references that point nowhere, replaced by an empty schema. */
  readonly brokenRefs: readonly string[];
  /** Cleaned component schemas by type name, filled while operations are read. */
  readonly components: Map<string, Node>;
}

/** The project root: the folder holding pnpm-workspace.yaml above this file. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("schemas generator: cannot find the project root (pnpm-workspace.yaml)");
    dir = parent;
  }
  return dir;
}

/** The specs folder: `CORTEX_SPECS_DIR`, or ../shared/specs beside the project root. */
export function specsDir(): string {
  return process.env["CORTEX_SPECS_DIR"] ?? resolve(projectRoot(), "..", "shared", "specs");
}

/** Reads and dereferences one spec. Throws, naming the file, on anything malformed. */
export async function loadSpec(dir: string, spec: SpecFile): Promise<LoadedSpec> {
  const path = join(dir, spec.file);
  let doc: Record<string, unknown>;
  try {
    const text = readFileSync(path, "utf8");
    doc = (spec.file.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 })) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`schemas generator: cannot read ${spec.file}: ${(error as Error).message}`);
  }
  return loadDoc(spec, doc);
}

/** Dereferences an already parsed spec document (mutating it). Throws, naming the file, on anything malformed. */
export async function loadDoc(spec: SpecFile, doc: Record<string, unknown>): Promise<LoadedSpec> {
  if (typeof doc !== "object" || doc === null || typeof doc["paths"] !== "object") {
    throw new Error(`schemas generator: ${spec.file} has no "paths" object; is it an OpenAPI or Swagger document?`);
  }
  const swagger2 = doc["swagger"] === "2.0";
  if (!swagger2 && typeof doc["openapi"] !== "string") throw new Error(`schemas generator: ${spec.file} is neither OpenAPI 3 nor Swagger 2.0`);
  const brokenRefs = replaceBrokenRefs(doc);
  try {
    await $RefParser.dereference(doc, { resolve: { external: false }, dereference: { circular: true } } as never);
  } catch (error) {
    throw new Error(`schemas generator: cannot resolve the references of ${spec.file}: ${(error as Error).message}`);
  }
  const names = new Map<object, string>();
  const components = swagger2
    ? (doc["definitions"] as Record<string, unknown> | undefined)
    : ((doc["components"] as Record<string, unknown> | undefined)?.["schemas"] as Record<string, unknown> | undefined);
  for (const [name, schema] of Object.entries(components ?? {})) {
    if (schema !== null && typeof schema === "object" && !names.has(schema)) names.set(schema, `${spec.typePrefix}${pascal(name)}`);
  }
  return { spec, doc, names, swagger2, components: new Map(), brokenRefs };
}

/**
 * Replaces local `$ref`s that point nowhere (a component missing from the export) with an empty
 * schema, and returns them: the pipeline fails unless an override acknowledges each one.
 */
function replaceBrokenRefs(doc: Record<string, unknown>): string[] {
  const broken = new Set<string>();
  const resolves = (ref: string): boolean => {
    if (!ref.startsWith("#/")) return false;
    let node: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (node === null || typeof node !== "object" || !(token in node)) return false;
      node = (node as Record<string, unknown>)[token];
    }
    return true;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      const ref = record["$ref"];
      if (typeof ref === "string" && !resolves(ref)) {
        broken.add(ref);
        delete record["$ref"];
        return;
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(doc);
  return [...broken].sort();
}

/** `some-name.v2_x` → `SomeNameV2X`. */
export function pascal(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}
