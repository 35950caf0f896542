/**
 * The shape of a product client's manifest: which namespaces, operations and workflows the client has.
 * Each product package exports its manifest as plain data (`@cortex-sdk/<product>/manifest`), generated
 * with the client; the CLI, the docs catalogue and the emulator read it instead of inspecting clients.
 *
 * @module
 */
import type { Product } from "@cortex-sdk/schemas-base";

/** One operation of a namespace. */
export interface ManifestOperation {
  /** Operation id, as in the table. */
  readonly id: string;
  /** Method name on the namespace, e.g. `list`. */
  readonly method: string;
  /** The method returns a page promise (`for await` over every item). */
  readonly paginated: boolean;
}

/** One namespace of a client, e.g. `client.apiKeys`. */
export interface ManifestNamespace {
  /** Property name on the client, e.g. `apiKeys`. */
  readonly name: string;
  /** The class of `@cortex-sdk/workflows` the namespace extends or is, if any. */
  readonly workflow?: string;
  /** Its operations. */
  readonly operations: readonly ManifestOperation[];
  /** Methods the workflow adds beyond the operations' own (e.g. `query`, `isolateAndWait`). */
  readonly workflowMethods: readonly string[];
}

/** A product client's manifest. */
export interface ClientManifest {
  /** The product. */
  readonly product: Product;
  /** Client class name, e.g. `XdrClient`. */
  readonly client: string;
  /** Package name, e.g. `@cortex-sdk/xdr`. */
  readonly package: string;
  /** Namespaces, sorted by name. */
  readonly namespaces: readonly ManifestNamespace[];
}
