// Which client method and which cxctl command call each operation, read from the client manifests the
// product packages publish (`@cortex-sdk/<product>/manifest`, generated with the clients), so the catalogue
// always shows the names the released code has. cxctl names its commands the same way: the namespace and
// the method in kebab-case. Nothing is hard-coded per operation.
import { cloudManifest } from "@cortex-sdk/cloud/manifest";
import { PRODUCT_TITLES } from "@cortex-sdk/schemas-base/products";
import { xdrManifest } from "@cortex-sdk/xdr/manifest";
import { xpanseManifest } from "@cortex-sdk/xpanse/manifest";
import { xsiamManifest } from "@cortex-sdk/xsiam/manifest";
import { xsoarManifest } from "@cortex-sdk/xsoar/manifest";

const MANIFESTS = [xdrManifest, xsiamManifest, xsoarManifest, xpanseManifest, cloudManifest];

/** Products in manifest order. */
export const PRODUCTS = MANIFESTS.map((manifest) => manifest.product);

/** camelCase → kebab-case, as cxctl names groups and calls. */
function kebab(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_.\s]+/g, "-")
    .toLowerCase();
}

/** `incidents.list` → `incidentsList`, as the generated operation functions are named. */
function functionName(method) {
  const [namespace = "", name = ""] = method.split(".");
  return `${namespace}${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/**
 * The names of one product's operations: one entry per operation. An operation a workflow namespace also
 * exposes (Cortex Cloud's `vulnerabilities` over `uvem`) is named as cxctl names it, by the first
 * namespace in manifest order; the other methods that call it are listed in `alsoMethods`.
 *
 * @param {string} product
 * @returns {Promise<{ className: string, packageName: string, title: string, entries: { id: string, group: string, method: string | undefined, alsoMethods: string[], command: string, operationFunction?: string }[] }>}
 */
export async function clientNames(product) {
  const manifest = MANIFESTS.find((candidate) => candidate.product === product);
  if (manifest === undefined) throw new Error(`no client manifest for ${product}`);
  const byId = new Map();
  for (const namespace of manifest.namespaces) {
    for (const operation of namespace.operations) {
      const method = `${namespace.name}.${operation.method}`;
      const known = byId.get(operation.id);
      if (known !== undefined) {
        known.alsoMethods.push(method);
        continue;
      }
      byId.set(operation.id, {
        id: operation.id,
        group: kebab(namespace.name),
        method,
        alsoMethods: [],
        command: `cxctl ${product} ${kebab(namespace.name)} ${kebab(operation.method)}`,
      });
    }
  }
  // The tree-shakable function of each operation (`client.incidents.list` → `incidentsList` in
  // `@cortex-sdk/<product>/operations`), named only when the built package exports it.
  const functions = await import(`${manifest.package}/operations`).catch(() => ({}));
  for (const entry of byId.values()) {
    entry.operationFunction = [entry.method, ...entry.alsoMethods].map(functionName).find((name) => typeof functions[name] === "function");
  }
  return { className: manifest.client, packageName: manifest.package, title: PRODUCT_TITLES[product] ?? manifest.client, entries: [...byId.values()] };
}
