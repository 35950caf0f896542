/**
 * A product's catalog computed from its client: the client's table and manifest, and the request JSON
 * Schemas of `@cortex-sdk/schemas-<product>/validators`. The build stores the result in
 * `dist/cli-manifest/` (build-cli-manifest.ts); the CLI computes it here only when those files are absent.
 *
 * @module
 */
import { loadProductValidators } from "@cortex-sdk/schemas/product-validators";
import type { SchemaNode } from "./body-schema.js";
import { catalogOf, type CatalogEntry, type OperationInfo, type ProductCatalog } from "./catalog.js";
import { loadClientClass, loadManifest, type Product } from "./connection.js";

/**
 * Computes a product's catalog from its client (imports the client, its table and zod).
 *
 * @param product - The product.
 * @returns The catalog, with every request schema in memory.
 */
export async function computeCatalog(product: Product): Promise<ProductCatalog> {
  const [Client, manifest, validators] = await Promise.all([loadClientClass(product), loadManifest(product), loadProductValidators(product)]);
  const schemas = new Map<string, SchemaNode>();
  const entries: CatalogEntry[] = catalogOf(Client.operations as readonly OperationInfo[], manifest).map((entry) => {
    const schema = validators.requestJsonSchema(entry.operation.id) as SchemaNode | undefined;
    if (schema === undefined) return entry;
    schemas.set(entry.operation.id, schema);
    return { ...entry, bodyFields: topLevelFields(schema) };
  });
  return { product, entries, requestSchema: (id) => schemas.get(id) };
}

/** The top-level fields of a request schema (of every shape, when it has alternatives). */
function topLevelFields(schema: SchemaNode): string[] {
  const names = new Set(Object.keys(schema.properties ?? {}));
  for (const alternative of schema.anyOf ?? []) for (const name of Object.keys(alternative.properties ?? {})) names.add(name);
  return [...names];
}
