// A typedoc plugin: links the generated request, reply and record types of @cortex-sdk/schemas-<product> to the
// operation catalogue instead of documenting them in the API reference. typedoc.json excludes their files
// (`**/generated/types.ts` and its build `**/schemas-*/dist/types.d.ts`), which saves most of the reference's conversion time and weight; the catalogue
// already lists every operation's request and reply fields. A type named after an operation
// (`AlertsGetAlertsRequest`) or a named record (`Alert`) links to the entry of the (first) operation that
// returns it, anything else from those files (`XsiamOperationShapes`, `XsiamRequestOf`) to its product's
// catalogue page.
import { anchorOf } from "./anchors.mjs";
import { loadReplyRecords, loadTypeNames } from "./type-names.mjs";

// The types module of a product's schemas package: src/generated/types.ts, built to dist/types.d.ts.
const GENERATED_TYPES = /(?:^|\/)(?:src\/generated|dist)\/types\.(?:d\.)?ts$/;
const PRODUCT_SCHEMAS = /^@cortex-sdk\/schemas-(xdr|xsiam|xsoar|xpanse|cloud)$/;

/** Request, reply and named record types per product → the operation id they belong to (the first one). */
async function operationsByTypeName() {
  const byProduct = new Map();
  const typeNames = await loadTypeNames();
  const records = loadReplyRecords(typeNames);
  for (const [product, list] of typeNames) {
    const names = new Map();
    for (const [id, typeNames] of Object.entries(list)) {
      for (const name of [typeNames.request, typeNames.reply]) if (typeof name === "string" && !names.has(name)) names.set(name, id);
    }
    for (const [id, recordNames] of records.get(product) ?? []) for (const name of recordNames) if (!names.has(name)) names.set(name, id);
    byProduct.set(product, names);
  }
  return byProduct;
}

/** @param {import("typedoc").Application} app */
export async function load(app) {
  const byProduct = await operationsByTypeName();
  app.converter.addUnknownSymbolResolver((_ref, _reflection, _part, symbolId) => {
    const product = PRODUCT_SCHEMAS.exec(symbolId?.packageName ?? "")?.[1];
    if (product === undefined || symbolId === undefined || !GENERATED_TYPES.test(symbolId.packagePath)) return undefined;
    const id = byProduct.get(product)?.get(symbolId.qualifiedName);
    return id === undefined ? `/operations/${product}` : `/operations/${product}#${anchorOf(id)}`;
  });
}
