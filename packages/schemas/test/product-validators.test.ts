import { describe, expect, it } from "vitest";
import { PRODUCTS, operations } from "../src/index.js";
import { loadProductValidators } from "../src/product-validators.js";

describe("loadProductValidators", () => {
  it("gives each product its own package's validators module, the one instance a direct import gets", async () => {
    const direct = {
      xdr: await import("@cortex-sdk/schemas-xdr/validators"),
      xsiam: await import("@cortex-sdk/schemas-xsiam/validators"),
      xsoar: await import("@cortex-sdk/schemas-xsoar/validators"),
      xpanse: await import("@cortex-sdk/schemas-xpanse/validators"),
      cloud: await import("@cortex-sdk/schemas-cloud/validators"),
    };
    for (const product of PRODUCTS) expect(await loadProductValidators(product), product).toBe(direct[product]);
  });

  it("knows the reply schema of every operation the product serves, and of none only other products serve", async () => {
    for (const product of PRODUCTS) {
      const validators = await loadProductValidators(product);
      const own = operations.filter((entry) => entry.products.includes(product) && entry.replyKind !== "binary" && entry.replyKind !== "empty");
      const others = operations.filter((entry) => !entry.products.includes(product));
      expect(own.length, product).toBeGreaterThan(0);
      for (const entry of own) expect(validators.responseJsonSchema(entry.id), `${product} ${entry.id}`).toBeDefined();
      for (const entry of others) expect(validators.responseJsonSchema(entry.id), `${product} ${entry.id}`).toBeUndefined();
    }
  });
});
