/**
 * The operations the CLI calls by name (not from the catalog): their ids are checked by the compiler
 * against this list, and their bodies and the reply fields the CLI reads are typed here. Every product
 * client fits (the same object, seen through @cortex-sdk/workflows' `ShapedClient`).
 *
 * @module
 */
import type { ShapedClient } from "@cortex-sdk/workflows";
import type { CortexClient } from "@cortex-sdk/core";

interface Shape<Request, Reply> {
  readonly request: Request;
  readonly reply: Reply;
}

type KeyFilters = { readonly filters: readonly { readonly field: string; readonly operator: string; readonly value: unknown }[] };

/** Request and reply types of the operations the CLI names. */
export type CliShapes = {
  readonly healthcheck: Shape<undefined, unknown>;
  readonly "api_keys.get_api_keys": Shape<Readonly<Record<string, unknown>>, unknown>;
  readonly "api_keys.generate": Shape<{ readonly roles: readonly string[]; readonly security_level: string; readonly expiration?: number; readonly comment?: string }, { id: number; key: string }>;
  readonly "api_keys.delete": Shape<KeyFilters, { update_count?: number } | undefined>;
  readonly "platform.iam.role.get": Shape<undefined, unknown>;
  readonly "xsoar.incidents.search": Shape<{ readonly filter: Readonly<Record<string, unknown>> }, { data?: { version?: unknown }[] } | undefined>;
};

/**
 * The client seen through {@link CliShapes}.
 *
 * @param client - Any product client.
 * @returns The same client, typed by the operations the CLI names.
 */
export function typedCalls(client: CortexClient): ShapedClient<CliShapes> {
  return client;
}
