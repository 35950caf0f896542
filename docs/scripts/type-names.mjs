// The names of each operation's request and reply types, per product, from the generated type-name lists
// of @cortex-sdk/schemas (`dist/generated/type-names/<product>.js`, the lists the client generator reads).
// The catalogue shows them in each entry; the typedoc plugin links them to the entry.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dir = join(import.meta.dirname, "../../packages/schemas/dist/generated/type-names");

/**
 * @returns {Promise<Map<string, Record<string, { request?: string, reply?: string }>>>} product → id → names
 *   (empty when @cortex-sdk/schemas is not built)
 */
export async function loadTypeNames() {
  const byProduct = new Map();
  for (const file of existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".js")) : []) {
    const product = file.slice(0, -".js".length);
    const module = await import(pathToFileURL(join(dir, file)).href);
    byProduct.set(product, module[`${product}TypeNames`] ?? {});
  }
  return byProduct;
}
