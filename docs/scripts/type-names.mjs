// The names of each operation's request and reply types, per product, from the generated type-name lists
// of each product's schemas package (`packages/schemas-<product>/dist/type-names.js`, the lists
// the client generator reads).
// The catalogue shows them in each entry; the typedoc plugin links them to the entry.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const packagesDir = join(import.meta.dirname, "../../packages");
const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"];

/**
 * @returns {Promise<Map<string, Record<string, { request?: string, reply?: string }>>>} product → id → names
 *   (without the products whose schemas package is not built)
 */
export async function loadTypeNames() {
  const byProduct = new Map();
  for (const product of PRODUCTS) {
    const file = join(packagesDir, `schemas-${product}/dist/type-names.js`);
    if (!existsSync(file)) continue;
    const module = await import(pathToFileURL(file).href);
    byProduct.set(product, module[`${product}TypeNames`] ?? {});
  }
  return byProduct;
}

const schemasSrc = join(import.meta.dirname, "../../packages/schemas/src");

/**
 * The named records (`Alert`, `ApiKey`, `Incident`…) each operation's reply type refers to, per product:
 * the record names are the data of `src/overrides/names.ts`, and a reply refers to a record when its
 * generated declaration names it. Empty when those files are missing.
 *
 * @param {Map<string, Record<string, { reply?: string }>>} typeNames - from {@link loadTypeNames}
 * @returns {Map<string, Map<string, string[]>>} product → operation id → record names
 */
export function loadReplyRecords(typeNames) {
  const namesFile = join(schemasSrc, "overrides/names.ts");
  const records = existsSync(namesFile) ? new Set([...readFileSync(namesFile, "utf8").matchAll(/\bname: "(\w+)"/g)].map((match) => match[1])) : new Set();
  const byProduct = new Map();
  for (const [product, list] of typeNames) {
    const file = join(packagesDir, `schemas-${product}/src/generated/types.ts`);
    const byId = new Map();
    byProduct.set(product, byId);
    if (records.size === 0 || !existsSync(file)) continue;
    const declarations = new Map();
    for (const block of readFileSync(file, "utf8").split(/\n(?=export )/)) {
      const name = /^export (?:type|interface) (\w+)/.exec(block)?.[1];
      if (name !== undefined) declarations.set(name, block);
    }
    for (const [id, names] of Object.entries(list)) {
      // A reply that repeats another type is generated as an alias of it (`export type B = A;`): read A.
      let body = names.reply === undefined ? undefined : declarations.get(names.reply);
      const aliased = [];
      for (let alias = aliasOf(body); alias !== undefined && declarations.has(alias); alias = aliasOf(body)) {
        aliased.push(alias);
        body = declarations.get(alias);
      }
      if (body === undefined) continue;
      const found = [...records].filter((record) => record !== names.reply && (aliased.includes(record) || new RegExp(`[^\\w.]${record}\\b(?!")`).test(body.replace(/\/\*\*[\s\S]*?\*\//g, ""))));
      if (found.length > 0) byId.set(id, found);
    }
  }
  return byProduct;
}

/** The type a generated declaration aliases (`export type B = A;` → `A`), or undefined when it is written out. */
function aliasOf(block) {
  return block === undefined ? undefined : /^export type \w+ = (\w+);\s*$/.exec(block.replace(/\/\*\*[\s\S]*?\*\/\s*/g, ""))?.[1];
}
