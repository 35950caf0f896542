/**
 * Deriving a client from another without resolving its options again: the constructors of the client being
 * built find the configuration and pipeline prepared for it (MSSP child tenants, see mssp.ts).
 *
 * @module
 */
import type { ClientOptions, ResolvedConfig } from "./config.js";
import type { MiddlewareStack } from "./pipeline.js";

/**
 * What a client being derived is built from, instead of resolving its options again: its configuration
 * and, optionally, the pipeline it starts with (a copy is made; its composed handler is reused until the
 * copy changes).
 *
 * @internal
 */
export interface DerivedClientPreset {
  /** The configuration, resolved ahead of time for the options. */
  readonly config: ResolvedConfig;
  /** The pipeline to start from (the client's constructor adds none of its standard steps), if any. */
  readonly middleware?: MiddlewareStack;
}

// The client being derived (see constructDerived): its constructors read the preset for these very options.
// Neither a property of the options (spreading options must never carry a configuration to another client)
// nor a WeakMap entry (both cost more than building the rest of a child client).
let deriving: { options: ClientOptions; readonly preset: DerivedClientPreset } | undefined;

/**
 * Builds a client whose options are `options` (or a merge with them on top, see {@link mergeOptions}) from a
 * preset: `construct` runs synchronously, and the constructors it runs find the preset with
 * {@link derivedPresetOf}.
 *
 * @param options - The options the preset stands for.
 * @param preset - Configuration and pipeline.
 * @param construct - Builds the client, e.g. `() => parent.withOptions(options)`.
 * @returns What `construct` returned.
 * @internal
 */
export function constructDerived<T>(options: ClientOptions, preset: DerivedClientPreset, construct: () => T): T {
  const outer = deriving;
  deriving = { options, preset };
  try {
    return construct();
  } finally {
    deriving = outer;
  }
}

/**
 * The preset of a client being derived with these options, if any (see {@link constructDerived}).
 *
 * @param options - The options a client constructor was given.
 * @returns The preset, or undefined (resolve the options).
 * @internal
 */
export function derivedPresetOf(options: ClientOptions): DerivedClientPreset | undefined {
  return deriving !== undefined && deriving.options === options ? deriving.preset : undefined;
}

/**
 * The options of a derived client: `base` with `overrides` on top. When `overrides` are those of a client
 * being derived from a preset, the merged options take the preset over.
 *
 * @param base - The options of the client derived from.
 * @param overrides - The options to change.
 * @returns The merged options.
 * @internal
 */
export function mergeOptions<O extends ClientOptions>(base: O, overrides: O): O {
  // Object.assign rather than a spread: a spread followed by fields the first object lacks builds a new shape for
  // every merge (about 0.9 KB per child tenant client). A `__proto__` key of the caller's is copied as data either
  // way: assigning it would set the prototype instead.
  const merged = Object.hasOwn(overrides, "__proto__") || Object.hasOwn(base, "__proto__") ? { ...base, ...overrides } : Object.assign({}, base, overrides);
  if (deriving !== undefined && deriving.options === overrides) deriving.options = merged;
  return merged;
}
