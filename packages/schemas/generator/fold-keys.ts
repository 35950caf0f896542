/**
 * Reply types say what core's reply normalisation hands back: the count and data keys
 * (`@cortex-sdk/schemas-base/replies` `foldKeys`) are folded to their lower-case spelling at the top of a reply, in
 * the objects directly below it and at the `fold_keys` rules' nodes, and the upper-case spelling stays
 * readable as an alias. Whichever spelling a spec documents, the emitted type has both: the lower-case key
 * and a read-only upper-case alias. A node that sends both spellings keeps both as documented (the
 * normaliser leaves them alone).
 *
 * @module
 */
import { replyNormalisation } from "../../schemas-base/src/replies.js";
import type { Node } from "./clean.js";

const FOLDED: ReadonlySet<string> = new Set(replyNormalisation.foldKeys.map((fold) => fold.key));

/** The lower-case folded key a property name spells, if it is one. */
function foldedKey(name: string): string | undefined {
  const lower = name.toLowerCase();
  return FOLDED.has(lower) && (name === lower || name === lower.toUpperCase()) ? lower : undefined;
}

/** A node whose content changed can no longer be emitted under its component's name. */
function unnamed(node: Node): Node {
  const { xRef: _ref, ...rest } = node;
  return rest;
}

/** The object with its count and data keys folded (the same node when nothing changes). */
function folded(node: Node): Node {
  const props = node.properties;
  if (props === undefined) return node;
  const names = Object.keys(props);
  const toFold = names.filter((name) => {
    const lower = foldedKey(name);
    return lower !== undefined && !(props[lower] !== undefined && props[lower.toUpperCase()] !== undefined);
  });
  if (toFold.length === 0) return node;
  // A named object documented in lower case keeps its name; its aliases are added beside it.
  if (node.xRef !== undefined && toFold.every((name) => name === name.toLowerCase())) return { ...node, xAliases: toFold };
  const required = new Set(node.required ?? []);
  const outProps: Record<string, Node> = {};
  const outRequired: string[] = [];
  for (const name of names) {
    if (!toFold.includes(name)) {
      outProps[name] = props[name]!;
      if (required.has(name)) outRequired.push(name);
      continue;
    }
    const lower = foldedKey(name)!;
    const upper = lower.toUpperCase();
    const schema = props[name]!;
    outProps[lower] = schema;
    outProps[upper] = { ...schema, xAliasOf: lower };
    if (required.has(name)) outRequired.push(lower, upper);
  }
  return unnamed({ ...node, properties: outProps, required: outRequired });
}

function foldPath(node: Node, path: readonly string[], index: number): Node {
  if (index === path.length) return folded(node);
  const step = path[index]!;
  if (step === "[]") {
    if (node.items === undefined) return node;
    const items = foldPath(node.items, path, index + 1);
    return items === node.items ? node : unnamed({ ...node, items });
  }
  const child = node.properties?.[step];
  if (child === undefined) return node;
  const next = foldPath(child, path, index + 1);
  return next === child ? node : unnamed({ ...node, properties: { ...node.properties, [step]: next } });
}

/**
 * The reply schema as the normalised reply holds it (a copy; the table's schema is not changed).
 *
 * @param operationId - The operation.
 * @param reply - Its reply schema.
 * @param components - The named schemas, by name: a reply named as a whole has its objects folded there.
 * @returns The schema to emit the reply type from.
 */
export function foldReplyKeys(operationId: string, reply: Node, components?: Map<string, Node>): Node {
  let root = folded(reply);
  const component = root.xRef === undefined ? undefined : components?.get(root.xRef);
  if (component !== undefined && root.xRef !== undefined) {
    // A reply named as a whole (a vendor record such as XqlQueryResult) keeps its name: its own objects
    // are folded in the named type, which is this reply's.
    components!.set(root.xRef, foldChildren(component));
  } else root = foldChildren(root);
  for (const rule of replyNormalisation.rules) {
    if (rule.coerce === "fold_keys" && (rule.operation === operationId || rule.operation === "*")) root = foldPath(root, rule.at.split("/"), 0);
  }
  return root;
}

function foldChildren(node: Node): Node {
  let out = node;
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const next = folded(child);
    if (next !== child) out = { ...out, properties: { ...out.properties, [name]: next } };
  }
  return out === node ? node : unnamed(out);
}
