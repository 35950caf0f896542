// A typedoc plugin: links the generated request, reply and record types of @cortex-sdk/schemas to the
// operation catalogue instead of documenting them in the API reference. typedoc.json excludes their files
// (`**/generated/types/**`), which saves most of the reference's conversion time and weight; the catalogue
// already lists every operation's request and reply fields. A type named after an operation
// (`AlertsGetAlertsRequest`) links to that operation's entry, anything else from those files
// (`XsiamOperationShapes`, `XsiamRequestOf`, shared records) to its product's catalogue page.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { anchorOf } from "./anchors.mjs";

const GENERATED_TYPES = /(?:^|\/)generated\/types\/(\w+)\.(?:d\.)?ts$/;
const schemasDir = join(import.meta.dirname, "../../packages/schemas");

/**
 * Request and reply type names per product → operation id, read from the generated type-name lists the
 * client generator also reads (missing lists just mean product-page links).
 *
 * @returns {Promise<Map<string, Map<string, string>>>}
 */
async function operationsByTypeName() {
  const byProduct = new Map();
  const dir = join(schemasDir, "dist/generated/type-names");
  for (const file of existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".js")) : []) {
    const product = file.slice(0, -3);
    const names = new Map();
    byProduct.set(product, names);
    const list = (await import(pathToFileURL(join(dir, file)).href))[`${product}TypeNames`] ?? {};
    for (const [id, typeNames] of Object.entries(list)) {
      if (typeof typeNames.request === "string" && !names.has(typeNames.request)) names.set(typeNames.request, id);
      if (typeof typeNames.reply === "string" && !names.has(typeNames.reply)) names.set(typeNames.reply, id);
    }
  }
  return byProduct;
}

/** @param {import("typedoc").Application} app */
export async function load(app) {
  const byProduct = await operationsByTypeName();
  app.converter.addUnknownSymbolResolver((_ref, _reflection, _part, symbolId) => {
    if (symbolId?.packageName !== "@cortex-sdk/schemas") return undefined;
    const product = GENERATED_TYPES.exec(symbolId.packagePath)?.[1];
    if (product === undefined) return undefined;
    const id = byProduct.get(product)?.get(symbolId.qualifiedName);
    return id === undefined ? `/operations/${product}` : `/operations/${product}#${anchorOf(id)}`;
  });
}
