/**
 * The request pipeline: a named, ordered list of middleware. A request flows down the list and the
 * answer flows back up. The standard order is
 * `serialize → retry → rateLimit → sign → errorMap → normalizeReply → deserialize → send`: the rate-limit
 * permit and the signature are taken inside the retry loop, right before each attempt goes out, so every
 * attempt is counted when it is sent and carries a fresh nonce and timestamp; error mapping sits inside
 * the loop too so the retry step decides on typed errors; and every successful reply is normalised to its
 * documented shape before any other step (pagination, reply validation) reads it.
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { Readable } from "node:stream";
import type { OperationEntry, HttpMethod } from "@cortex-sdk/schemas-base";
import type { ResolvedConfig } from "./config.js";
import type { TenantState } from "./tenant-state.js";

/** An HTTP request as the pipeline builds it. */
export interface HttpRequest {
  /** Method. */
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  /** Header name (lower case) to value. */
  headers: Record<string, string>;
  /** Serialised body, if any. */
  body: string | undefined;
}

/** An HTTP answer with its body fully read (and decompressed), or, for a streaming call, still flowing. */
export interface HttpResponse {
  /** Status code. */
  readonly status: number;
  /** Header name (lower case) to value. */
  readonly headers: Readonly<Record<string, string>>;
  /** Body bytes (empty when {@link HttpResponse.stream} is set). */
  readonly body: Uint8Array;
  /**
   * For a successful streaming call: the body, decompressed, not yet read. Its errors are typed
   * `CortexError`s, and the call's deadline and abort signal still apply while it is read.
   */
  readonly stream?: Readable;
}

/** Whether a call reads the whole body (`buffer`) or hands a successful body over as a stream. */
export type ResponseMode = "buffer" | "stream";

/** Per-call options every operation accepts. */
export interface CallOptions {
  /** Cancels the call, retries included. */
  readonly signal?: AbortSignal;
  /** Total deadline for this call, ms (overrides the client's). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt for this call (overrides the client's). */
  readonly maxRetries?: number;
  /**
   * Allow retrying an unsafe write (response actions, inserts, key generation) after an ambiguous
   * failure, where the service may already have acted. Off by default: such writes are sent once.
   */
  readonly retryUnsafe?: boolean;
  /** Extra headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Check this request against its operation's schema before sending it (overrides the client's `validateRequests`). */
  readonly validateRequests?: boolean;
}

/** Everything a middleware can see and change about one call. */
export interface CallContext {
  /** The operation being called. */
  readonly operation: OperationEntry;
  /** The caller's input (before the envelope is added). */
  readonly input: unknown;
  /** Per-call options. */
  readonly options: CallOptions;
  /** The client's resolved configuration. */
  readonly config: ResolvedConfig;
  /** State shared by every client of the same tenant in this process. */
  readonly tenant: TenantState;
  /** The SDK's id for this call, in every log line. */
  readonly callId: string;
  /** Fires on caller abort or when the total deadline passes. */
  readonly signal: AbortSignal;
  /** When the total deadline passes, in `performance.now()` milliseconds. */
  readonly deadline: number;
  /** Whether the body is read in full or streamed. */
  readonly responseMode: ResponseMode;
  /** Which attempt this is, from 1. */
  attempt: number;
  /** The HTTP request; built by `serialize`, completed by `sign`. */
  request: HttpRequest;
  /**
   * The clock offset (server minus local, ms) the current attempt was signed with; set by `sign`. A
   * rejected key is blamed on the clock only when the server's clock still differs after this correction.
   */
  signedClockOffsetMs?: number | undefined;
  /**
   * Called by `send` as soon as the answer's headers arrived (or the attempt failed), before the body is
   * read: the `rateLimit` step uses it to learn the latest moment the service can have counted the attempt.
   */
  onAnswerStarted?: (() => void) | undefined;
}

/** What the pipeline hands back. */
export interface CallResult {
  /** The final HTTP answer. */
  readonly response: HttpResponse;
  /** The reply value with the envelope removed (or the raw bytes for binary operations). */
  readonly data: unknown;
  /** Attempts made. */
  attempts: number;
}

/** A function that runs the rest of the pipeline. */
export type Handler = (context: CallContext) => Promise<CallResult>;

/** One step of the pipeline: do something, call `next` (or not), then look at the result. */
export type Middleware = (context: CallContext, next: Handler) => Promise<CallResult>;

/** Where to put a middleware: relative to a named step. */
export type Placement = { readonly before: string } | { readonly after: string };

/** A named step of a {@link MiddlewareStack}. */
export interface StackEntry {
  /** Unique name; other steps are placed relative to it. */
  readonly name: string;
  /** The step. */
  readonly middleware: Middleware;
}

// The standard steps from `serialize` to `send`, and one function doing what they do together.
interface Fusion {
  readonly steps: readonly StackEntry[];
  readonly handler: Handler;
}

// Set in the class's static block: module code may see these, users of the class may not.
let setFusion: (stack: MiddlewareStack, fusion: Fusion) => void;
let fusionOf: (stack: MiddlewareStack) => Fusion | undefined;
let stackEntries: (stack: MiddlewareStack) => readonly StackEntry[];

/** An ordered, named list of middleware. */
export class MiddlewareStack {
  readonly #entries: StackEntry[];
  #composed: Handler | undefined;
  #fusion: Fusion | undefined;

  static {
    fusionOf = (stack) => stack.#fusion;
    setFusion = (stack, fusion) => {
      stack.#fusion = fusion;
      stack.#composed = undefined;
    };
    stackEntries = (stack) => stack.#entries;
  }

  /** @param entries - Initial steps, outermost first. */
  constructor(entries: readonly StackEntry[] = []) {
    this.#entries = [...entries];
  }

  /**
   * Adds a step. By default user steps go right after `serialize`, so they run once per call;
   * place one `before: "send"` to see every signed attempt.
   *
   * @param name - Unique name of the step.
   * @param middleware - The step.
   * @param placement - Where to put it (default `{ after: "serialize" }`).
   * @returns This stack.
   * @throws Error when the name is taken or the anchor does not exist.
   */
  add(name: string, middleware: Middleware, placement: Placement = { after: "serialize" }): this {
    if (this.#entries.some((entry) => entry.name === name)) throw new Error(`A middleware named "${name}" already exists.`);
    const anchor = "before" in placement ? placement.before : placement.after;
    const index = this.#entries.findIndex((entry) => entry.name === anchor);
    if (index === -1) throw new Error(`No middleware named "${anchor}"; known steps: ${this.names().join(", ")}.`);
    this.#entries.splice("before" in placement ? index : index + 1, 0, { name, middleware });
    this.#composed = undefined;
    return this;
  }

  /**
   * Removes a step by name.
   *
   * @param name - Step name.
   * @returns Whether a step was removed.
   */
  remove(name: string): boolean {
    const index = this.#entries.findIndex((entry) => entry.name === name);
    if (index === -1) return false;
    this.#entries.splice(index, 1);
    this.#composed = undefined;
    return true;
  }

  /** @returns Step names, outermost first. */
  names(): string[] {
    return this.#entries.map((entry) => entry.name);
  }

  /** @returns An independent copy, so a derived client can change its own stack. */
  clone(): MiddlewareStack {
    const copy = new MiddlewareStack(this.#entries);
    if (this.#fusion !== undefined) setFusion(copy, this.#fusion);
    // Same steps, same handler: it holds no reference to this stack, and either stack drops it when it changes.
    copy.#composed = this.#composed;
    return copy;
  }

  /**
   * Builds the handler that runs every step in order (cached until the stack changes).
   *
   * @returns The composed handler.
   */
  compose(): Handler {
    this.#composed ??= this.#build();
    return this.#composed;
  }

  #build(): Handler {
    // Built innermost first, once: no closures are created per call.
    let handler: Handler = () => Promise.reject(new Error("The pipeline ended without a send step."));
    const entries = this.#entries;
    let end = entries.length;
    // One function runs the fused steps while they are intact: no promise and closure per step and attempt.
    const fusion = fusedPart(this);
    if (fusion !== undefined) {
      handler = fusion.handler;
      end -= fusion.steps.length;
    }
    for (let index = end - 1; index >= 0; index--) {
      const entry = entries[index] as StackEntry;
      const next = handler;
      handler = (context) => entry.middleware(context, next);
    }
    return handler;
  }
}

/**
 * Lets one function stand in for the innermost steps of a stack, from `from` to the end, for as long as
 * those steps stay as they are now. The function must do exactly what the steps do, in their order.
 *
 * @param stack - The stack.
 * @param from - Name of the first step the function replaces (no fusion when there is none).
 * @param handler - Runs those steps.
 * @internal
 */
export function fuseSteps(stack: MiddlewareStack, from: string, handler: Handler): void {
  const entries = stackEntries(stack);
  const index = entries.findIndex((entry) => entry.name === from);
  if (index >= 0) setFusion(stack, { steps: entries.slice(index), handler });
}

// The fusion of a stack while its innermost steps are still exactly the fused ones (no step added between or after
// them, none removed).
function fusedPart(stack: MiddlewareStack): Fusion | undefined {
  const fusion = fusionOf(stack);
  if (fusion === undefined) return undefined;
  const entries = stackEntries(stack);
  const first = entries.length - fusion.steps.length;
  return first >= 0 && fusion.steps.every((step, index) => entries[first + index] === step) ? fusion : undefined;
}

/**
 * Whether one function runs the innermost steps of a stack (see {@link fuseSteps}): the standard pipeline of a
 * client, as long as nobody adds or removes a step from `serialize` on.
 *
 * @param stack - The stack.
 * @returns True when its composed handler runs the fused function.
 * @internal
 */
export function runsFused(stack: MiddlewareStack): boolean {
  return fusedPart(stack) !== undefined;
}
