/**
 * Typed errors of the workflows built on the transport: requests refused before they are sent, failed
 * response actions, failed XQL queries, an exhausted XQL quota and replies that do not match their schema.
 *
 * @module
 */
import { CortexError, type CortexErrorContext } from "./errors.js";

/**
 * The SDK refused a request before sending it because it breaks a documented rule (an API key expiration
 * beyond six months, more ids than a call accepts, ...). The message says what to change.
 */
export class CortexInvalidRequestError extends CortexError {
  /** The request field at fault, e.g. `expiration`. */
  readonly field: string | undefined;

  /**
   * @param message - What is wrong and how to fix it.
   * @param field - The request field at fault.
   * @param context - Request facts.
   */
  constructor(message: string, field?: string, context: CortexErrorContext = {}) {
    super("invalid_request", message, context);
    this.field = field;
  }
}

/** Final state of one endpoint in a response action. */
export interface EndpointActionOutcome {
  /** Endpoint (agent) id. */
  readonly endpointId: string;
  /** Final status, e.g. `COMPLETED_SUCCESSFULLY`, `FAILED`, `TIMEOUT`. */
  readonly status: string;
  /** The service's explanation for a failed endpoint, when it sent one (`errorReasons`). */
  readonly reason?: unknown;
}

/** A response action (isolate, scan, script, ...) ended with endpoints in a failed state. */
export class CortexActionFailedError extends CortexError {
  /** The action (group action) id. */
  readonly actionId: string;
  /** Endpoints that failed, timed out, were cancelled, aborted or expired. */
  readonly failed: readonly EndpointActionOutcome[];
  /** Endpoints that completed. */
  readonly succeeded: readonly EndpointActionOutcome[];

  /**
   * @param actionId - The action id.
   * @param failed - Failed endpoints.
   * @param succeeded - Endpoints that completed.
   * @param context - Request facts.
   */
  constructor(actionId: string, failed: readonly EndpointActionOutcome[], succeeded: readonly EndpointActionOutcome[], context: CortexErrorContext = {}) {
    const summary = failed
      .slice(0, 5)
      .map((outcome) => `${outcome.endpointId}: ${outcome.status}${outcome.reason === undefined ? "" : ` (${describeReason(outcome.reason)})`}`)
      .join("; ");
    super(
      "action_failed",
      `Action ${actionId} failed on ${failed.length} of ${failed.length + succeeded.length} endpoint(s): ${summary}${failed.length > 5 ? "; …" : ""}. Check that the endpoints are connected and support the action.`,
      context,
    );
    this.actionId = actionId;
    this.failed = failed;
    this.succeeded = succeeded;
  }
}

/** An XQL query ended with status `FAIL` (syntax error, unknown dataset, timeout on the service side). */
export class CortexXqlQueryError extends CortexError {
  /** The query's execution id. */
  readonly queryId: string;
  /** The final reply of `get_query_results`, as sent. */
  readonly reply: unknown;

  /**
   * @param queryId - Execution id.
   * @param message - What failed.
   * @param reply - The reply.
   * @param context - Request facts.
   */
  constructor(queryId: string, message: string, reply: unknown, context: CortexErrorContext = {}) {
    super("xql_query", message, context);
    this.queryId = queryId;
    this.reply = reply;
  }
}

/** The tenant's daily XQL quota is used up; queries fail until it resets (nightly) or more is bought. */
export class CortexXqlQuotaError extends CortexError {
  /** Quota left, in quota units, when the service said. */
  readonly remainingQuota: number | undefined;

  /**
   * @param message - What happened.
   * @param remainingQuota - Quota left.
   * @param context - Request facts.
   */
  constructor(message: string, remainingQuota: number | undefined, context: CortexErrorContext = {}) {
    super("xql_quota", message, context);
    this.remainingQuota = remainingQuota;
  }
}

/** One place where a reply does not match its schema. */
export interface ReplyIssue {
  /** Path to the offending value, e.g. `incidents.0.creation_time`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
}

/** Reply validation is on and a reply does not match the operation's schema. */
export class CortexReplyValidationError extends CortexError {
  /** Where and what. */
  readonly issues: readonly ReplyIssue[];

  /**
   * @param operationId - The operation.
   * @param issues - The mismatches.
   * @param context - Request facts.
   */
  constructor(operationId: string, issues: readonly ReplyIssue[], context: CortexErrorContext = {}) {
    const first = issues
      .slice(0, 3)
      .map((issue) => `${issue.path === "" ? "(reply)" : issue.path}: ${issue.message}`)
      .join("; ");
    super("reply_validation", `${operationId}: the reply does not match the schema at ${first}${issues.length > 3 ? `; and ${issues.length - 3} more` : ""}.`, { ...context, operationId });
    this.issues = issues;
  }
}

function describeReason(reason: unknown): string {
  if (typeof reason === "string") return reason;
  if (reason !== null && typeof reason === "object") {
    const record = reason as Record<string, unknown>;
    const text = record["errorDescription"] ?? record["errorData"] ?? record["message"];
    if (typeof text === "string") return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  const json = JSON.stringify(reason);
  return json.length > 200 ? `${json.slice(0, 200)}…` : json;
}
