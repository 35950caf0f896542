/**
 * Optional reply validation: a pipeline step that checks each reply against the operation's schema with
 * the product's validators (`@cortex-sdk/schemas-<product>/validators`), loaded on first use only (they pull in zod), so a
 * client that never turns validation on never loads them.
 *
 * @module
 */
import type { CallContext, CallOptions, CallResult, Middleware } from "./pipeline.js";
import { CortexConfigError } from "./errors.js";
import { serverRequestId } from "./request-id.js";
import { CortexReplyValidationError, type ReplyIssue } from "./workflow-errors.js";

/** The reply validation switch, per client and per call. */
export interface ReplyValidationOptions {
  /** Check replies against the operation's schema (default false); a mismatch throws `CortexReplyValidationError`. */
  readonly validateReplies?: boolean;
}

/** Per-call options with the reply validation switch. */
export type ValidatedCallOptions = CallOptions & ReplyValidationOptions;

/** What the validators module provides (a Standard Schema per operation). */
export interface ReplyValidators {
  /** The reply validator of an operation, if it has one. */
  responseValidator(id: string): { readonly "~standard": { validate(value: unknown): unknown } } | undefined;
}

/** Whether loading the validators failed because zod (an optional peer dependency) is not installed. */
function missingZod(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && /['"]zod['"]/.test(String((error as Error).message));
}

/** Name of the step in the pipeline. */
export const REPLY_VALIDATION_STEP = "validateReplies";

interface StandardResult {
  readonly issues?: readonly { readonly message: string; readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] }[];
}

/**
 * The reply validation step. Put it right after `serialize`, so it runs once per call, after retries,
 * on the final reply (streams and bytes are not checked).
 *
 * @param enabledByDefault - The client's setting; a call's `validateReplies` overrides it.
 * @param load - Loads the validators (a dynamic import, run once).
 * @returns The middleware.
 */
export function replyValidationStep(enabledByDefault: boolean, load: () => Promise<ReplyValidators>): Middleware {
  let validators: Promise<ReplyValidators> | undefined;
  const check = async (context: CallContext, result: CallResult): Promise<CallResult> => {
    if (result.response.stream !== undefined || result.data instanceof Uint8Array) return result;
    validators ??= load().catch((error: unknown) => {
      validators = undefined; // try again on the next call, e.g. once zod is installed
      throw missingZod(error) ? new CortexConfigError("configuration", "validateReplies needs the optional peer dependency zod: install it (npm install zod) or turn reply validation off.", { cause: error }) : error;
    });
    const validator = (await validators).responseValidator(context.operation.id);
    if (validator === undefined) return result;
    let outcome = validator["~standard"].validate(result.data) as StandardResult | Promise<StandardResult>;
    if (outcome instanceof Promise) outcome = await outcome;
    if (outcome.issues !== undefined && outcome.issues.length > 0) {
      const issues: ReplyIssue[] = outcome.issues.map((issue) => ({
        path: (issue.path ?? []).map((part) => String(typeof part === "object" && part !== null && "key" in part ? part.key : part)).join("."),
        message: issue.message,
      }));
      throw new CortexReplyValidationError(context.operation.id, issues, { requestId: serverRequestId(result.response.headers) ?? context.callId, attempts: result.attempts });
    }
    return result;
  };
  // Not async: without validation the result passes straight back, without a promise of this step's own.
  return (context, next) => ((context.options as ReplyValidationOptions).validateReplies ?? enabledByDefault ? next(context).then((result) => check(context, result)) : next(context));
}
