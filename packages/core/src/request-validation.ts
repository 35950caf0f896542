/**
 * Optional request validation: a pipeline step that checks the caller's request against the operation's
 * strict schema before anything is built or sent, with the product's validators (`@cortex-sdk/schemas-<product>/validators`),
 * loaded on first use only (they pull in zod). Off by default; turn it on per client (`validateRequests`)
 * or per call.
 *
 * @module
 */
import type { CallContext, CallOptions, CallResult, Handler, Middleware } from "./pipeline.js";
import type { RequestValidators } from "./request-validators.js";
import type { OperationEntry, XsoarVersion } from "@cortex-sdk/schemas-base";

export type { RequestValidators } from "./request-validators.js";
import { CortexConfigError } from "./errors.js";
import { CortexInvalidRequestError } from "./workflow-errors.js";

/** The request validation switch, per client and per call. */
export interface RequestValidationOptions {
  /**
   * Check each request against the operation's schema before sending (default false): a missing required
   * field, an unknown field, a wrong type or an undocumented enum value throws `CortexInvalidRequestError`
   * and nothing is sent. Ids are accepted as numbers or strings, as the service does.
   */
  readonly validateRequests?: boolean;
}

/** Per-call options with the request validation switch. */
export type RequestValidatedCallOptions = CallOptions & RequestValidationOptions;

/** Name of the step in the pipeline. */
export const REQUEST_VALIDATION_STEP = "validateRequest";

interface StandardResult {
  readonly issues?: readonly { readonly message: string; readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] }[];
}

/** One place where a request breaks its schema. */
export interface RequestIssue {
  /** Path to the offending field, e.g. `filters.0.operator` (empty for the request itself). */
  readonly path: string;
  /** What is wrong; a missing required field reads `required field is missing`. */
  readonly message: string;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * Checks a request against its operation's schema. Path parameters that are not body fields are left out
 * of the check.
 *
 * @param validators - The validators module.
 * @param operationId - The operation.
 * @param pathParams - The operation's path parameters.
 * @param input - The request as the caller passes it.
 * @returns The issues; empty when the request is valid or the operation has no request schema.
 */
export async function checkRequest(validators: RequestValidators, operationId: string, pathParams: readonly string[], input: unknown): Promise<RequestIssue[]> {
  const validator = validators.requestValidator(operationId);
  if (validator === undefined) return [];
  let body = input ?? {};
  if (pathParams.length > 0 && body !== null && typeof body === "object" && !Array.isArray(body)) {
    const documented = validators.requestJsonSchema(operationId)?.properties ?? {};
    const copy = { ...(body as Record<string, unknown>) };
    for (const name of pathParams) if (!(name in documented)) delete copy[name];
    body = copy;
  }
  let outcome = validator["~standard"].validate(body) as StandardResult | Promise<StandardResult>;
  if (outcome instanceof Promise) outcome = await outcome;
  return (outcome.issues ?? []).map((issue) => {
    const keys = (issue.path ?? []).map((part) => (typeof part === "object" && part !== null && "key" in part ? part.key : part));
    const missing = keys.length > 0 && valueAt(body, keys) === undefined && !/unrecognized key/i.test(issue.message);
    return { path: keys.map(String).join("."), message: missing ? "required field is missing" : issue.message };
  });
}

/**
 * The fields XSOAR 8 requires that the request lacks (missing, `null` or empty text), for an operation whose
 * one schema serves XSOAR 6 and 8 and whose entry names them (`requiredOnXsoar8`). On XSOAR 6, or without a
 * version, nothing is required beyond the schema.
 *
 * @param operation - The operation's entry (`requiredOnXsoar8`).
 * @param xsoarVersion - The version the client is configured for, if any.
 * @param input - The request as the caller passes it.
 * @returns One issue per missing field.
 */
export function xsoar8RequiredIssues(operation: Pick<OperationEntry, "requiredOnXsoar8">, xsoarVersion: XsoarVersion | undefined, input: unknown): RequestIssue[] {
  const rule = operation.requiredOnXsoar8;
  if (rule === undefined || xsoarVersion !== 8) return [];
  const body = input !== null && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (rule.unlessPresent !== undefined && body[rule.unlessPresent] !== undefined) return [];
  return rule.fields.filter((field) => body[field] === undefined || body[field] === null || body[field] === "").map((field) => ({ path: field, message: "required field is missing (required on XSOAR 8)" }));
}

/**
 * Describes request issues in one line, naming the fields.
 *
 * @param operationId - The operation.
 * @param issues - The issues.
 * @returns The message.
 */
export function describeRequestIssues(operationId: string, issues: readonly RequestIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => (issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`));
  return `${operationId}: the request does not match the schema (nothing was sent): ${parts.join("; ")}${issues.length > 3 ? `; and ${issues.length - 3} more` : ""}.`;
}

/**
 * The request validation step. It runs first, once per call, before the request is built.
 *
 * @param enabledByDefault - The client's setting; a call's `validateRequests` overrides it.
 * @param load - Loads the validators (a dynamic import, run once); `undefined` when the client has none
 *   (a call that asks for validation then fails with `CortexConfigError` and nothing is sent).
 * @returns The middleware.
 */
export function requestValidationStep(enabledByDefault: boolean, load: (() => Promise<RequestValidators>) | undefined): Middleware {
  let validators: Promise<RequestValidators> | undefined;
  const validateThenSend = async (context: CallContext, next: Handler): Promise<CallResult> => {
    if (load === undefined) throw noValidatorsError(context);
    validators ??= load();
    const { operation } = context;
    const issues = [...xsoar8RequiredIssues(operation, context.config.xsoarVersion, context.input), ...(await checkRequest(await validators, operation.id, operation.pathParams ?? [], context.input))];
    if (issues.length > 0) throw new CortexInvalidRequestError(describeRequestIssues(operation.id, issues), issues[0]?.path || undefined, { operationId: operation.id, requestId: context.callId, attempts: 0 });
    return next(context);
  };
  // Not async: a call without validation passes straight through, without a promise of this step's own.
  return (context, next) => ((context.options as RequestValidationOptions).validateRequests ?? enabledByDefault ? validateThenSend(context, next) : next(context));
}

/**
 * The request validation step of a client that has no validators (a lite client, or
 * `CortexClientCore` itself): a call that asks for validation fails with `CortexConfigError` and nothing
 * is sent; other calls pass straight through. It carries none of the validation code, so a bundle of a
 * lite client carries none either.
 *
 * @param enabledByDefault - The client's setting; a call's `validateRequests` overrides it.
 * @returns The middleware.
 * @internal
 */
export function noRequestValidationStep(enabledByDefault: boolean): Middleware {
  return (context, next) => ((context.options as RequestValidationOptions).validateRequests ?? enabledByDefault ? Promise.reject(noValidatorsError(context)) : next(context));
}

function noValidatorsError(context: CallContext): CortexConfigError {
  return new CortexConfigError("configuration", `${context.operation.id}: this client has no request validators (validateRequests): use the product client (e.g. XdrClient), or pass loadRequestValidators.`, { operationId: context.operation.id });
}
