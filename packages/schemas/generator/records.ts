/**
 * Names the records inside replies (src/overrides/names.ts): marks each record's reply nodes as a
 * reference to one named schema, so the emitted reply types say `Alert[]` and the record is emitted once
 * per product module. Also lets the listed fields be `null`, in the types and the JSON Schemas alike.
 */
import type { RecordName } from "../src/overrides/names.js";
import type { Node } from "./clean.js";
import type { TableOperation } from "./normalise.js";
import { GeneratorError } from "./normalise.js";

/** The node at `path` (`alerts/[]`, `*`) below `root`, or a generator error naming what is missing. */
function nodeAt(root: Node | undefined, path: string, where: string): Node {
  if (root === undefined) throw new GeneratorError(`schemas generator: names.ts: ${where} has no reply schema`);
  if (path === "*") return root;
  let node: Node = root;
  for (const step of path.split("/")) {
    const next: Node | undefined = step === "[]" ? node.items : node.properties?.[step];
    if (next === undefined) throw new GeneratorError(`schemas generator: names.ts: ${where} has no node ${path} (stuck at ${step})`);
    node = next;
  }
  return node;
}

/** Lets a node also be `null` (type and enum alike, so a JSON Schema validator accepts it). */
function allowNull(node: Node): void {
  const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
  if (types.length === 0 || types.includes("null")) return;
  node.type = [...types, "null"];
  if (node.enum !== undefined && !node.enum.includes(null)) node.enum = [...node.enum, null];
}

const SCALARS = new Set(["string", "number", "integer", "boolean"]);

function applyNullable(node: Node, nullable: RecordName["nullable"], where: string): void {
  if (nullable === undefined) return;
  const properties = node.properties ?? {};
  if (nullable === "every field") {
    for (const child of Object.values(properties)) {
      const types = child.type === undefined ? [] : Array.isArray(child.type) ? child.type : [child.type];
      if (child.xRef === undefined && types.length > 0 && types.every((type) => SCALARS.has(type))) allowNull(child);
    }
    return;
  }
  for (const field of nullable) {
    const child = properties[field];
    if (child === undefined) throw new GeneratorError(`schemas generator: names.ts: ${where} has no field ${field} to make nullable`);
    allowNull(child);
  }
}

/** Types the fields the spec leaves untyped (no type, enum, reference or structure) by how their names end. */
function applyUntyped(node: Node, rules: RecordName["untyped"]): void {
  if (rules === undefined) return;
  for (const [field, child] of Object.entries(node.properties ?? {})) {
    if (child.type !== undefined || child.enum !== undefined || child.xRef !== undefined || child.anyOf !== undefined || child.properties !== undefined || child.items !== undefined) continue;
    const rule = rules.find((candidate) => candidate.suffixes.some((suffix) => field.endsWith(suffix)));
    if (rule !== undefined) child.type = [...rule.type];
  }
}

function renameRefs(node: Node, from: string, to: string, seen: Set<Node>): void {
  if (seen.has(node)) return;
  seen.add(node);
  if (node.xRef === from) node.xRef = to;
  for (const child of Object.values(node.properties ?? {})) renameRefs(child, from, to, seen);
  if (node.items !== undefined) renameRefs(node.items, from, to, seen);
  if (typeof node.additionalProperties === "object") renameRefs(node.additionalProperties, from, to, seen);
  for (const alt of node.anyOf ?? []) renameRefs(alt, from, to, seen);
}

/**
 * Applies the record names to the table's reply nodes and the components map, in place.
 *
 * @returns Record name → the operation ids whose replies hold it (for the TSDoc line).
 */
export function nameRecords(table: readonly TableOperation[], components: Map<string, Node>, records: readonly RecordName[]): Map<string, readonly string[]> {
  const byId = new Map(table.map((row) => [row.entry.id, row]));
  const out = new Map<string, readonly string[]>();
  for (const record of records) {
    if (components.has(record.name)) throw new GeneratorError(`schemas generator: names.ts: ${record.name} is already a shared schema of the specs; choose another name`);
    if (record.component !== undefined) {
      const node = components.get(record.component);
      if (node === undefined) throw new GeneratorError(`schemas generator: names.ts: ${record.name} renames ${record.component}, which is not a shared schema`);
      components.delete(record.component);
      const seen = new Set<Node>();
      for (const [, other] of components) renameRefs(other, record.component, record.name, seen);
      renameRefs(node, record.component, record.name, seen);
      for (const row of table) {
        if (row.request !== undefined) renameRefs(row.request, record.component, record.name, seen);
        if (row.reply !== undefined) renameRefs(row.reply, record.component, record.name, seen);
      }
      applyNullable(node, record.nullable, record.name);
      components.set(record.name, node);
      out.set(record.name, table.filter((row) => row.reply !== undefined && refersTo(row.reply, record.name, new Set())).map((row) => row.entry.id));
      continue;
    }
    const locations = record.at ?? [];
    if (locations.length === 0) throw new GeneratorError(`schemas generator: names.ts: ${record.name} names neither locations nor a component`);
    let schema: Node | undefined;
    for (const { id, path } of locations) {
      const row = byId.get(id);
      if (row === undefined) throw new GeneratorError(`schemas generator: names.ts: ${record.name} names ${id}, which is not an operation`);
      const node = nodeAt(row.reply, path, `${id} reply`);
      if (node.xRef !== undefined && node.xRef !== record.name) throw new GeneratorError(`schemas generator: names.ts: ${id} ${path} is the shared schema ${node.xRef}; name it with { component: "${node.xRef}" }`);
      applyUntyped(node, record.untyped);
      applyNullable(node, record.nullable, `${id} ${path}`);
      node.xRef = record.name;
      schema ??= structuredClone(node);
    }
    components.set(record.name, schema!);
    out.set(record.name, locations.map((location) => location.id));
  }
  return out;
}

function refersTo(node: Node, name: string, seen: Set<Node>): boolean {
  if (seen.has(node)) return false;
  seen.add(node);
  if (node.xRef === name) return true;
  return [...Object.values(node.properties ?? {}), ...(node.items === undefined ? [] : [node.items]), ...(typeof node.additionalProperties === "object" ? [node.additionalProperties] : []), ...(node.anyOf ?? [])].some((child) => refersTo(child, name, seen));
}
