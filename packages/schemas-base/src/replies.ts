/**
 * The reply normalisation rules: what core's `normalizeReply` step changes in every successful reply so
 * that the types and the values agree. Plain data; every entry has a one-line reason. Core applies them
 * without the reasons (`appliedReplyNormalisation`, through `@cortex-sdk/schemas-base/replies`); the schemas
 * tests check that each rule names an operation of the table and a node its reply schema documents.
 *
 * Paths (`at`) are relative to the reply after its envelope is removed: property names separated by `/`,
 * `[]` for every item of a list, and `@items` for the list a paginated operation's table entry names.
 *
 * @module
 */

/** How a value that differs from the documented shape is brought back to it. */
export type ReplyCoercion =
  /** A comma-joined string where a list of strings is documented → the list (trimmed, empty parts dropped). */
  | "split_comma"
  /** A single value where a list is documented → a list of that one value. */
  | "wrap_array"
  /** A list of lists where a flat list is documented → the list, flattened one level. */
  | "flatten"
  /** A numeric string where a number is documented → the number (other text is left alone). */
  | "number"
  /** A documented list that is absent or `null` → an empty list. */
  | "empty_array"
  /** A nested object whose count and data keys are folded like the reply's top level. */
  | "fold_keys";

/** A count or data key whose spelling varies between tenants and endpoints. */
export interface ReplyKeyFold {
  /** The one documented spelling (lower case); the upper-case spelling stays readable as an alias. */
  readonly key: string;
  /** One line: why. */
  readonly reason: string;
}

/** One coercion of one node of one operation's reply (`"*"`: every operation). */
export interface ReplyRule {
  /** Operation id, or `"*"` for every operation. */
  readonly operation: string;
  /** Path of the node (see the module comment). */
  readonly at: string;
  /** What to do. */
  readonly coerce: ReplyCoercion;
  /** One line: why. */
  readonly reason: string;
}

/** Everything the reply normalisation does. */
export interface ReplyNormalisationRules {
  /** Keys folded to their lower-case spelling at the top of a reply and one object level below it. */
  readonly foldKeys: readonly ReplyKeyFold[];
  /** Coercions of documented nodes. */
  readonly rules: readonly ReplyRule[];
}

/** A {@link ReplyRule} as core applies it: without its reason. */
export type AppliedReplyRule = Omit<ReplyRule, "reason">;

/** {@link ReplyNormalisationRules} as core applies them: the folded keys and the coercions, without reasons. */
export interface AppliedReplyNormalisation {
  /** Keys folded to their lower-case spelling (see {@link ReplyKeyFold}). */
  readonly foldKeys: readonly string[];
  /** Coercions of documented nodes. */
  readonly rules: readonly AppliedReplyRule[];
}

/**
 * The rules as core's `normalizeReply` step applies them: {@link replyNormalisation} without the reasons, so
 * that a bundle of a client, which never shows a reason, carries none.
 */
export const appliedReplyNormalisation: AppliedReplyNormalisation = {
  foldKeys: ["data", "total_count", "filter_count", "result_count"],
  rules: [
    { operation: "*", at: "@items", coerce: "empty_array" },
    { operation: "case.artifacts.get_by_case_id", at: "data/[]/network_artifacts", coerce: "fold_keys" },
    { operation: "case.artifacts.get_by_case_id", at: "data/[]/file_artifacts", coerce: "fold_keys" },
    { operation: "incidents.get_incident_extra_data", at: "alerts/data/[]/tags", coerce: "split_comma" },
    { operation: "scripts.run_script", at: "endpoints_count", coerce: "number" },
    { operation: "scripts.run_snippet_code_script", at: "endpoints_count", coerce: "number" },
  ],
};

// The reasons, by folded key and by rule (`<operation> <at>`), apart from the rules and inside a function, so
// that only a reader of replyNormalisation bundles them (a table at module level, built with template
// strings, would stay in every bundle). The schemas tests check that every rule has one.
function withReasons(applied: AppliedReplyNormalisation): ReplyNormalisationRules {
  const casing = "casing varies by endpoint and tenant flavour (reference xsoar-xpanse-cloud §1.3, §4.10 and §5 item 10; xdr-xsiam §8)";
  const foldReasons: Readonly<Record<string, string>> = {
    data: `DATA on api_keys, case and cloud_onboarding lists, data elsewhere: ${casing}`,
    total_count: `TOTAL_COUNT on the same lists, total_count elsewhere: ${casing}`,
    filter_count: `FILTER_COUNT on the same lists, filter_count in asset metadata: ${casing}`,
    result_count: `RESULT_COUNT is not documented but follows the same pattern as its siblings: ${casing}`,
  };
  const ruleReasons: Readonly<Record<string, string>> = {
    "* @items": "real tenants omit a documented list when nothing matches (issue #11, recorded replies); the SDK hands back an empty list",
    "case.artifacts.get_by_case_id data/[]/network_artifacts": `each case's artifact lists carry their own DATA/TOTAL_COUNT pair: ${casing}`,
    "case.artifacts.get_by_case_id data/[]/file_artifacts": `each case's artifact lists carry their own DATA/TOTAL_COUNT pair: ${casing}`,
    "incidents.get_incident_extra_data alerts/data/[]/tags": "Xpanse extra data sends alert tags as one comma-joined string (reference xsoar-xpanse-cloud §3.3, Alert)",
    "scripts.run_script endpoints_count": "counts arrive as numeric strings (\"673\") on action replies (reference xdr-xsiam §8)",
    "scripts.run_snippet_code_script endpoints_count": "counts arrive as numeric strings (\"673\") on action replies (reference xdr-xsiam §8)",
  };
  return {
    foldKeys: applied.foldKeys.map((key) => ({ key, reason: foldReasons[key] as string })),
    rules: applied.rules.map((rule) => ({ ...rule, reason: ruleReasons[`${rule.operation} ${rule.at}`] as string })),
  };
}

/** The rules, each with its reason. */
export const replyNormalisation: ReplyNormalisationRules = /* @__PURE__ */ withReasons(appliedReplyNormalisation);
