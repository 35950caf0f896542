import { responseValidator } from "@cortex-sdk/schemas/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startXdr, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
let xdr: XdrHarness;

/** Issues the generated reply validator finds (the SDK's types come from the same schemas). */
async function issues(id: string, path: string, requestData: unknown): Promise<string[]> {
  const reply = await xdr.reply(path, requestData);
  const validator = responseValidator(id);
  if (validator === undefined) throw new Error(`no validator for ${id}`);
  const result = await validator["~standard"].validate(reply);
  return (result.issues ?? []).slice(0, 5).map((issue) => `${id}: ${(issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".")}: ${issue.message}`);
}

beforeAll(async () => {
  xdr = await startXdr({ seed: 2 }, { actionTiming: { pendingMs: 0, inProgressMs: 0 }, xqlRunMs: 0 });
});

afterAll(async () => {
  await xdr.emulator.close();
});

describe("reply shapes", () => {
  it("pass the generated reply validators", async () => {
    const found: string[] = [];
    const check = async (id: string, path: string, data: unknown): Promise<void> => {
      found.push(...(await issues(id, path, data)));
    };
    await check("alerts.get_alerts", `${V1}/alerts/get_alerts`, { search_to: 20 });
    await check("alerts.get_alerts_multi_events", `${V1}/alerts/get_alerts_multi_events`, { search_to: 20 });
    await check("v2.alerts.get_alerts_multi_events", "/public_api/v2/alerts/get_alerts_multi_events", { search_to: 20 });
    await check("incidents.get_incidents", `${V1}/incidents/get_incidents`, {});
    await check("incidents.get_incident_extra_data", `${V1}/incidents/get_incident_extra_data`, { incident_id: "2" });
    await check("endpoints.get_endpoint", `${V1}/endpoints/get_endpoint`, {});
    await check("endpoints.get_endpoints", `${V1}/endpoints/get_endpoints`, {});
    const endpoints = await xdr.reply<{ endpoints: { endpoint_id: string }[] }>(`${V1}/endpoints/get_endpoint`, {
      filters: [{ field: "endpoint_status", operator: "in", value: ["connected"] }],
    });
    const target = { filters: [{ field: "endpoint_id_list", operator: "in", value: [endpoints.endpoints[0]?.endpoint_id] }] };
    await check("endpoints.isolate", `${V1}/endpoints/isolate`, target);
    await check("endpoints.scan", `${V1}/endpoints/scan`, target);
    await check("endpoints.quarantine", `${V1}/endpoints/quarantine`, { ...target, file_path: "C:\\a.exe", file_hash: "b".repeat(64) });
    await check("endpoints.restore", `${V1}/endpoints/restore`, { file_hash: "b".repeat(64) });
    const retrieval = await xdr.reply<{ action_id: string }>(`${V1}/endpoints/file_retrieval`, { ...target, files: { windows: ["C:\\a.txt"] } });
    await check("actions.file_retrieval_details", `${V1}/actions/file_retrieval_details`, { group_action_id: retrieval.action_id });
    await check("actions.get_action_status", `${V1}/actions/get_action_status`, { group_action_id: Number(retrieval.action_id) });
    const run = await xdr.reply<{ action_id: number }>(`${V1}/scripts/run_script`, { ...target, script_uid: "414763381b5bfb7b05796c9fe690df46", // The generated request schema requires parameters "x" and "y" (from the spec example).
      parameters_values: { x: "1", y: 1 } });
    await check("scripts.get_script_execution_status", `${V1}/scripts/get_script_execution_status`, { action_id: String(run.action_id) });
    await check("scripts.get_script_execution_results", `${V1}/scripts/get_script_execution_results`, { action_id: String(run.action_id) });
    await check("scripts.get_script_execution_results_files", `${V1}/scripts/get_script_execution_results_files`, {
      action_id: String(run.action_id),
      endpoint_id: endpoints.endpoints[0]?.endpoint_id,
    });
    await check("scripts.run_snippet_code_script", `${V1}/scripts/run_snippet_code_script`, { ...target, snippet_code: "print(1)" });
    const query = await xdr.reply<string>(`${V1}/xql/start_xql_query`, { query: "dataset = alerts | limit 2" });
    await check("xql.get_query_results", `${V1}/xql/get_query_results`, { query_id: query });
    await check("xql.get_quota", `${V1}/xql/get_quota`, {});
    await check("xql.get_datasets", `${V1}/xql/get_datasets`, {});
    expect(found).toEqual([]);
  });
});
