import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advancedHeaders } from "./helpers.js";
import { startXdr, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
const PENDING_MS = 5_000;
const IN_PROGRESS_MS = 10_000;
let xdr: XdrHarness;
let connected: Endpoint[];
let offline: Endpoint;

interface Endpoint {
  endpoint_id: string;
  endpoint_name: string;
  endpoint_status: string;
  is_isolated: string;
  scan_status: string;
  ip: string[];
}

async function endpoint(id: string): Promise<Endpoint> {
  const reply = await xdr.reply<{ endpoints: Endpoint[] }>(`${V1}/endpoints/get_endpoint`, {
    filters: [{ field: "endpoint_id_list", operator: "in", value: [id] }],
  });
  return reply.endpoints[0] as Endpoint;
}

async function status(actionId: number | string): Promise<{ data: Record<string, string>; errorReasons?: Record<string, unknown> }> {
  return xdr.reply(`${V1}/actions/get_action_status`, { group_action_id: Number(actionId) });
}

beforeAll(async () => {
  // The generic layer (request validation) is on: the documented bodies below validate.
  xdr = await startXdr({ seed: 3 }, { actionTiming: { pendingMs: PENDING_MS, inProgressMs: IN_PROGRESS_MS }, endpoints: 1_200 });
  const connectedReply = await xdr.reply<{ total_count: number; endpoints: Endpoint[] }>(`${V1}/endpoints/get_endpoint`, {
    filters: [{ field: "endpoint_status", operator: "IN", value: ["connected"] }],
    sort: { field: "endpoint_id", keyword: "ASC" },
  });
  connected = connectedReply.endpoints;
  const offlineReply = await xdr.reply<{ endpoints: Endpoint[] }>(`${V1}/endpoints/get_endpoint`, {
    filters: [{ field: "endpoint_status", operator: "in", value: ["disconnected"] }],
  });
  offline = offlineReply.endpoints[0] as Endpoint;
});

afterAll(async () => {
  await xdr.emulator.close();
});

describe("endpoints", () => {
  it("page and filter get_endpoint; get_endpoints lists them all", async () => {
    const all = await xdr.reply<{ agent_id: string }[]>(`${V1}/endpoints/get_endpoints`, {});
    expect(all).toHaveLength(1_200);
    const page = await xdr.reply<{ total_count: number; result_count: number }>(`${V1}/endpoints/get_endpoint`, {});
    expect(page).toMatchObject({ total_count: 1_200, result_count: 100 });
    expect(connected.every((e) => e.endpoint_status === "CONNECTED")).toBe(true);
    const ids = connected.map((e) => e.endpoint_id);
    expect(ids).toEqual([...ids].sort());
    expect(offline.endpoint_status).toBe("DISCONNECTED");
  });
});

describe("response actions", () => {
  it("isolate moves PENDING → IN_PROGRESS → COMPLETED_SUCCESSFULLY, and the endpoint's isolation with it (and back)", async () => {
    const target = connected[0] as Endpoint;
    const started = await xdr.reply<{ action_id: string; status: string; endpoints_count: string }>(`${V1}/endpoints/isolate`, { endpoint_id: target.endpoint_id });
    expect(started).toMatchObject({ status: "1", endpoints_count: "1" });
    expect(typeof started.action_id).toBe("string");
    expect((await status(started.action_id)).data).toEqual({ [target.endpoint_id]: "PENDING" });
    expect((await endpoint(target.endpoint_id)).is_isolated).toBe("AGENT_PENDING_ISOLATION");
    xdr.clock.advance(PENDING_MS);
    expect((await status(started.action_id)).data[target.endpoint_id]).toBe("IN_PROGRESS");
    xdr.clock.advance(IN_PROGRESS_MS);
    expect((await status(started.action_id)).data[target.endpoint_id]).toBe("COMPLETED_SUCCESSFULLY");
    expect((await endpoint(target.endpoint_id)).is_isolated).toBe("AGENT_ISOLATED");
    const isolated = await xdr.reply<{ total_count: number }>(`${V1}/endpoints/get_endpoint`, { filters: [{ field: "isolate", operator: "in", value: ["isolated"] }] });
    expect(isolated.total_count).toBe(1);

    const back = await xdr.reply<{ action_id: string }>(`${V1}/endpoints/unisolate`, { filters: [{ field: "endpoint_id_list", operator: "in", value: [target.endpoint_id] }] });
    expect((await endpoint(target.endpoint_id)).is_isolated).toBe("AGENT_PENDING_ISOLATION_CANCELLATION");
    xdr.clock.advance(PENDING_MS + IN_PROGRESS_MS);
    expect((await status(back.action_id)).data[target.endpoint_id]).toBe("COMPLETED_SUCCESSFULLY");
    expect((await endpoint(target.endpoint_id)).is_isolated).toBe("AGENT_UNISOLATED");
  });

  it("an action on a disconnected endpoint ends EXPIRED with an error reason and changes nothing", async () => {
    const started = await xdr.reply<{ action_id: string }>(`${V1}/endpoints/isolate`, { endpoint_id: offline.endpoint_id });
    xdr.clock.advance(PENDING_MS + IN_PROGRESS_MS);
    const reply = await status(started.action_id);
    expect(reply.data[offline.endpoint_id]).toBe("EXPIRED");
    expect(reply.errorReasons?.[offline.endpoint_id]).toBeDefined();
    expect((await endpoint(offline.endpoint_id)).is_isolated).toBe("AGENT_UNISOLATED");
  });

  it("refuses more than 1000 endpoints, unknown endpoints, and endpoint_id with filters", async () => {
    const all = await xdr.reply<{ agent_id: string }[]>(`${V1}/endpoints/get_endpoints`, {});
    const ids = all.map((e) => e.agent_id);
    const tooMany = await xdr.post(`${V1}/endpoints/isolate`, { filters: [{ field: "endpoint_id_list", operator: "in", value: ids.slice(0, 1001) }] });
    expect(tooMany.status).toBe(400);
    const none = await xdr.post(`${V1}/endpoints/isolate`, { endpoint_id: "0".repeat(32) });
    expect(none.status).toBe(500);
    expect(none.text).toContain("no endpoint was found for creating the requested action");
    const both = await xdr.post(`${V1}/endpoints/isolate`, { endpoint_id: ids[0], filters: [{ field: "endpoint_id_list", operator: "in", value: [ids[0]] }] });
    expect(both.status).toBe(400);
  });

  it("scan sets scan_status, and abort_scan aborts a running scan", async () => {
    const [a, b] = connected.slice(1, 3) as [Endpoint, Endpoint];
    const scan = await xdr.reply<{ action_id: string; endpoints_count: string }>(`${V1}/endpoints/scan`, {
      filters: [{ field: "endpoint_id_list", operator: "in", value: [a.endpoint_id, b.endpoint_id] }],
    });
    expect(typeof scan.action_id).toBe("string");
    expect(scan.endpoints_count).toBe("2");
    expect((await endpoint(a.endpoint_id)).scan_status).toBe("SCAN_STATUS_PENDING");
    xdr.clock.advance(PENDING_MS);
    expect((await endpoint(a.endpoint_id)).scan_status).toBe("SCAN_STATUS_IN_PROGRESS");
    const abort = await xdr.reply<{ action_id: string; endpoints_count: string }>(`${V1}/endpoints/abort_scan`, {
      filters: [{ field: "endpoint_id_list", operator: "in", value: [b.endpoint_id] }],
    });
    expect(abort.endpoints_count).toBe("1");
    expect((await endpoint(b.endpoint_id)).scan_status).toBe("SCAN_STATUS_PENDING_CANCELLATION");
    xdr.clock.advance(PENDING_MS + IN_PROGRESS_MS);
    expect((await endpoint(a.endpoint_id)).scan_status).toBe("SCAN_STATUS_SUCCESS");
    expect((await endpoint(b.endpoint_id)).scan_status).toBe("SCAN_STATUS_ABORTED");
    expect((await status(scan.action_id)).data).toEqual({ [a.endpoint_id]: "COMPLETED_SUCCESSFULLY", [b.endpoint_id]: "ABORTED" });
    const nothingRunning = await xdr.post(`${V1}/endpoints/abort_scan`, { filters: [{ field: "endpoint_id_list", operator: "in", value: [a.endpoint_id] }] });
    expect(nothingRunning.status).toBe(500);
  });

  it("quarantine then restore (on every endpoint that quarantined the file)", async () => {
    const hash = "a".repeat(64);
    const targets = connected.slice(3, 5).map((e) => e.endpoint_id);
    const q = await xdr.reply<{ action_id: string; endpoints_count: string }>(`${V1}/endpoints/quarantine`, {
      filters: [{ field: "endpoint_id_list", operator: "in", value: targets }],
      file_path: "C:\\temp\\evil.exe",
      file_hash: hash,
    });
    expect(q.endpoints_count).toBe("2");
    xdr.clock.advance(PENDING_MS + IN_PROGRESS_MS);
    const restore = await xdr.reply<{ action_id: string; endpoints_count: string }>(`${V1}/endpoints/restore`, { file_hash: hash });
    expect(restore.endpoints_count).toBe("2");
    expect(Object.keys((await status(restore.action_id)).data).sort()).toEqual([...targets].sort());
  });
});

describe("scripts and downloads", () => {
  it("run_script: status, results, and a result file served for 10 minutes with auth", async () => {
    const [a, b] = connected.slice(5, 7) as [Endpoint, Endpoint];
    const run = await xdr.reply<{ action_id: number; status: number; endpoints_count: number }>(`${V1}/scripts/run_script`, {
      filters: [{ field: "endpoint_id_list", operator: "in", value: [a.endpoint_id, b.endpoint_id] }],
      script_uid: "a6f7683c8e217d85bd3c398f0d3fb6bf",
      parameters_values: { commands_list: ["whoami"] },
      timeout: 600,
    });
    expect(run).toMatchObject({ status: 1, endpoints_count: 2 });
    const pending = await xdr.reply<Record<string, unknown>>(`${V1}/scripts/get_script_execution_status`, { action_id: run.action_id });
    expect(pending).toMatchObject({ general_status: "PENDING", endpoints_pending: 2 });
    const early = await xdr.post(`${V1}/scripts/get_script_execution_results_files`, { action_id: run.action_id, endpoint_id: a.endpoint_id });
    expect(early.status).toBe(500);
    xdr.clock.advance(PENDING_MS);
    expect((await xdr.reply<Record<string, unknown>>(`${V1}/scripts/get_script_execution_status`, { action_id: run.action_id })).general_status).toBe("IN_PROGRESS");
    xdr.clock.advance(IN_PROGRESS_MS);
    expect(await xdr.reply(`${V1}/scripts/get_script_execution_status`, { action_id: run.action_id })).toMatchObject({
      general_status: "COMPLETED_SUCCESSFULLY",
      endpoints_completed_successfully: 2,
    });
    const results = await xdr.reply<{ script_name: string; date_created: string; results: Record<string, unknown>[] }>(`${V1}/scripts/get_script_execution_results`, {
      action_id: run.action_id,
    });
    expect(results.script_name).toBe("execute_commands");
    expect(results.date_created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(results.results.map((r) => r["endpoint_id"]).sort()).toEqual([a.endpoint_id, b.endpoint_id].sort());
    expect(String(results.results[0]?.["standard_output"])).toContain("whoami");

    const files = await xdr.reply<{ DATA: string }>(`${V1}/scripts/get_script_execution_results_files`, { action_id: run.action_id, endpoint_id: a.endpoint_id });
    const url = new URL(files.DATA);
    expect(url.pathname).toMatch(/^\/public_api\/v1\/download\/[0-9a-f]+$/);
    const unauthenticated = await fetch(`${xdr.emulator.url}${url.pathname}`);
    expect(unauthenticated.status).toBe(401);
    const download = await fetch(`${xdr.emulator.url}${url.pathname}`, { headers: advancedHeaders(xdr.admin, xdr.clock.now) });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename=.+\.zip$/);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.toString("latin1")).toContain("whoami");
    xdr.clock.advance(10 * 60_000);
    const expired = await fetch(`${xdr.emulator.url}${url.pathname}`, { headers: advancedHeaders(xdr.admin, xdr.clock.now) });
    expect(expired.status).toBe(404);
  });

  it("a snippet that raises ends FAILED", async () => {
    const run = await xdr.reply<{ action_id: string; endpoints_count: number }>(`${V1}/scripts/run_snippet_code_script`, {
      filters: [{ field: "endpoint_id_list", operator: "in", value: [connected[7]?.endpoint_id] }],
      snippet_code: "raise Exception('no')",
    });
    xdr.clock.advance(PENDING_MS + IN_PROGRESS_MS);
    expect(await xdr.reply(`${V1}/scripts/get_script_execution_status`, { action_id: run.action_id })).toMatchObject({ general_status: "FAILED", endpoints_failed: 1 });
  });

  it("file_retrieval then file_retrieval_details gives one link per endpoint", async () => {
    const target = connected[8] as Endpoint;
    const action = await xdr.reply<{ action_id: string }>(`${V1}/endpoints/file_retrieval`, {
      filters: [{ field: "endpoint_id_list", operator: "in", value: [target.endpoint_id] }],
      files: { windows: ["C:\\Windows\\notepad.exe"] },
    });
    expect((await xdr.reply<{ data: Record<string, string> }>(`${V1}/actions/file_retrieval_details`, { group_action_id: action.action_id })).data).toEqual({});
    xdr.clock.advance(PENDING_MS + IN_PROGRESS_MS);
    const details = await xdr.reply<{ data: Record<string, string> }>(`${V1}/actions/file_retrieval_details`, { group_action_id: action.action_id });
    const link = details.data[target.endpoint_id] as string;
    const download = await fetch(`${xdr.emulator.url}${new URL(link).pathname}`, { method: "POST", headers: advancedHeaders(xdr.admin, xdr.clock.now) });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString("latin1")).toContain("Windows/notepad.exe");
    const tooMany = await xdr.post(`${V1}/endpoints/file_retrieval`, {
      filters: [{ field: "endpoint_id_list", operator: "in", value: [target.endpoint_id] }],
      files: { windows: Array.from({ length: 21 }, (_, i) => `C:\\f${i}`) },
    });
    expect(tooMany.status).toBe(400);
  });
});
