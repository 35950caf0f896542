/**
 * Retry safety and async kind, decided from the method, the call name and the reply schema.
 * Reads are POSTs, so the HTTP method alone decides only GET (read), and PUT, PATCH, DELETE
 * (idempotent). POSTs are classified by their call name; a POST whose name matches no rule fails the
 * generator so that every write is classified on purpose.
 */
import type { AsyncKind, HttpMethod, RetrySafety } from "../../schemas-base/src/operation.js";
import type { Node } from "./clean.js";
import { snake } from "./ids.js";

/** One rule: a pattern on the call name (see {@link callName}). */
export interface RetryRule {
  readonly pattern: RegExp;
  readonly safety: RetrySafety;
  readonly why: string;
}

/** Ordered: the first match wins. Unsafe rules come first so that e.g. `run_script` is never a read. */
export const RETRY_RULES: readonly RetryRule[] = [
  {
    pattern: /^(isolate|unisolate|scan|abort_scan|quarantine|restore|file_retrieval|run_script|run_snippet_code_script|terminate_\w+|triage_endpoint|upgrade|command|execute|run|sync)$/,
    safety: "unsafe",
    why: "response action or command run",
  },
  { pattern: /^(generate|start_xql_query)$/, safety: "unsafe", why: "creates a new key or query each time" },
  {
    pattern: /^(insert|insert_\w+|\w+_insert|create|create_\w+|add|add_\w+|upload|upload_\w+|import|copy|feed|json|define_dataset|complete|submit|trigger_fix_pull_request|investigate|formatted|post)$/,
    safety: "unsafe",
    why: "inserts, creates, uploads or advances something; a repeat makes a second one",
  },
  {
    pattern: /^(get|get_\w+|\w+_get|search|search_\w+|\w+_search|list|list_\w+|fetch|query|status|\w+_status|schema|metadata|version|validate|lint|rego|healthcheck|health|containers|download|export\w*|stix|csv|latest|test|management_logs|agents_reports|file_retrieval_details|audits|ciem|data_patterns|fields|files|assets|asset_groups|settings|last_external_assessment)$/,
    safety: "read",
    why: "reads only",
  },
  {
    pattern: /^(update|update_\w+|\w+_update|edit|edit_\w+|set|set_\w+|replace_\w+|delete|delete_\w+|\w+_delete|remove|remove_\w+|\w+_remove|assign|unassign|enable|disable|enable_\w+|disable_\w+|save|save_\w+|close|batch|batch_close|batch_delete|allowlist|blocklist|delete_permanently|bulk_update_\w+|whitelist|uncomplete|due|reset|note|tags|annotation|yaml)$/,
    safety: "idempotent",
    why: "sets, replaces or deletes state; repeating it has the same effect",
  },
];

/** Operations no name rule decides, by id. */
export const RETRY_EXCEPTIONS: Readonly<Record<string, { readonly safety: RetrySafety; readonly why: string }>> = {
  "xsoar.inv_playbook.task.complete.simple": { safety: "unsafe", why: "completes a playbook task, which advances the playbook" },
  "appsec.scan.repository.post_by_id": { safety: "unsafe", why: "starts a repository scan" },
  "appsec.application.criteria": { safety: "unsafe", why: "creates application criteria" },
  "issue.post_by_id": { safety: "idempotent", why: "sets an issue's fields" },
  "xsoar.apikeys.revoke.user.post_by_username": { safety: "idempotent", why: "revoking twice leaves the keys revoked" },
  "xsoar.logout.user.post_by_username": { safety: "idempotent", why: "logging a user out twice has the same effect" },
  "xsoar.logout.myself.other": { safety: "idempotent", why: "ends other sessions; repeating has the same effect" },
  "xsoar.logout.everyone": { safety: "idempotent", why: "ends every session; repeating has the same effect" },
  "xsoar.logout.myself": { safety: "idempotent", why: "ends this session; repeating has the same effect" },
  "xsoar.incident": { safety: "unsafe", why: "creates an incident (or updates one by id and version)" },
  "xsoar.automation": { safety: "unsafe", why: "creates an automation script (or updates one by id and version)" },
  "xsoar.entry": { safety: "unsafe", why: "adds a war-room entry" },
  "xsoar.evidence": { safety: "unsafe", why: "adds evidence" },
  "xsoar.incidenttype": { safety: "idempotent", why: "saves an incident type by id" },
  "xsoar.settings.audits": { safety: "read", why: "searches the audit log" },
  "xsoar.indicators.timeline.delete": { safety: "idempotent", why: "deletes timeline entries" },
  "cwp.registry_onboarding.instances": { safety: "unsafe", why: "creates a registry connector" },
  "platform.notifications.rule": { safety: "unsafe", why: "creates a notification rule" },
  "netscan.scan.definition": { safety: "unsafe", why: "creates a scan definition" },
  "integrations.syslog.test": { safety: "read", why: "tests a syslog server without changing state" },
  "issue": { safety: "unsafe", why: "creates an issue" },
  "policy": { safety: "unsafe", why: "creates a posture policy" },
  "rule": { safety: "unsafe", why: "creates a posture rule" },
};

/** The call name of a path: its last segment that is not a parameter, snake_cased. */
export function callName(path: string): string {
  const statics = path.split("/").filter((segment) => segment !== "" && !/^\{.*\}$/.test(segment));
  return snake(statics[statics.length - 1] ?? "");
}

/** Retry safety of one operation. */
export function classifyRetry(method: HttpMethod, path: string, id: string): RetrySafety {
  if (method === "GET") return "read";
  if (method === "PUT" || method === "PATCH" || method === "DELETE") return "idempotent";
  const exception = RETRY_EXCEPTIONS[id];
  if (exception !== undefined) return exception.safety;
  // POST to a collection that other methods also serve (REST style) creates an item.
  if (id.endsWith(".post")) return "unsafe";
  const call = callName(path);
  for (const rule of RETRY_RULES) if (rule.pattern.test(call)) return rule.safety;
  throw new Error(`schemas generator: cannot tell the retry safety of ${method} ${path} (id ${id}, call "${call}"); add a rule or an exception to generator/classify.ts`);
}

/** Async kind: what the reply hands back to poll on. */
export function classifyAsync(id: string, reply: Node | undefined): AsyncKind {
  if (/(^|\.)start_xql_query$/.test(id)) return "xql_query_id";
  const props = reply?.properties ?? {};
  if (props["action_id"] !== undefined || props["group_action_id"] !== undefined) return "action_id";
  if (props["distribution_id"] !== undefined && /create/.test(id)) return "distribution_id";
  return "none";
}
