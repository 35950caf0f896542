import { request as httpRequest } from "node:http";
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CortexClient, CortexConfigError, CortexInvalidRequestError, type ClientOptions, type RequestValidators } from "../src/index.js";
import { recordingLogger, startServer, type LocalServer } from "./helpers.js";

const base = { method: "POST", products: ["xdr", "xsiam"], requestEnvelope: "request_data", replyEnvelope: "reply", replyKind: "object", async: "none", limits: {}, pagination: { kind: "none" } } as const;

const OPERATIONS: readonly OperationEntry[] = [
  { ...base, id: "api_keys.generate", path: "/public_api/v1/api_keys/generate", retrySafety: "unsafe", replyHoldsSecret: true },
  { ...base, id: "incidents.get_incident_extra_data", path: "/public_api/v1/incidents/get_incident_extra_data", retrySafety: "read" },
  { ...base, id: "incidents.get_incidents", path: "/public_api/v1/incidents/get_incidents", retrySafety: "read", pagination: { kind: "offset", maxPageSize: 100, itemsField: "incidents", totalField: "total_count" } },
];

let emulator: RunningEmulator;
let front: LocalServer;
const seen: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 9, incidentCount: 4, rateLimits: { perSecond: null } });
  // Counts every request that reaches the wire, then forwards it to the emulator.
  front = await startServer((request, response) => {
    seen.push(request.url ?? "");
    const upstream = httpRequest(`${emulator.url}${request.url ?? "/"}`, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
});

afterAll(async () => {
  await front.close();
  await emulator.close();
});

function client(options: Partial<ClientOptions> = {}): CortexClient {
  const key = emulator.bootstrapKeys[0];
  if (key === undefined) throw new Error("no bootstrap key");
  return new CortexClient(
    { baseUrl: front.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logger: recordingLogger(), env: {}, configFile: "/nonexistent/cortex.json", ...options },
    { product: "xdr", clientName: "test", clientVersion: "0.0.0", operations: OPERATIONS, loadRequestValidators: async () => (await import("@cortex-sdk/schemas-xdr/validators")) as RequestValidators },
  );
}

describe("request validation (validateRequests) against the emulator", () => {
  it("needs the product's validators: a client built without them refuses validateRequests instead of skipping it", async () => {
    const key = emulator.bootstrapKeys[0];
    if (key === undefined) throw new Error("no bootstrap key");
    const base = { baseUrl: front.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced" as const, rateLimit: false as const, logger: recordingLogger(), env: {}, configFile: "/nonexistent/cortex.json" };
    const info = { product: "xdr" as const, clientName: "test", clientVersion: "0.0.0", operations: OPERATIONS };
    expect(() => new CortexClient({ ...base, validateRequests: true }, info)).toThrow(CortexConfigError);
    const plain = new CortexClient(base, info);
    const before = seen.length;
    await expect(plain.request("api_keys.generate", { security_level: "standard" }, { validateRequests: true })).rejects.toThrow(/no request validators/);
    expect(seen.length).toBe(before);
    await plain.close();
  });

  it("refuses a request without a required field with a typed error naming it, and sends nothing", async () => {
    const strict = client({ validateRequests: true });
    const before = seen.length;
    try {
      const error = await strict.request("api_keys.generate", { security_level: "standard" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexInvalidRequestError);
      expect((error as CortexInvalidRequestError).field).toBe("roles");
      expect((error as Error).message).toMatch(/api_keys\.generate: .*nothing was sent.*roles: required field is missing/);
      const wrongEnum = await strict.request("api_keys.generate", { roles: ["Viewer"], security_level: "super" }).catch((e: unknown) => e);
      expect((wrongEnum as CortexInvalidRequestError).field).toBe("security_level");
      const wrongOperator = await strict.request("incidents.get_incidents", { filters: [{ field: "status", operator: "like", value: "new" }] }).catch((e: unknown) => e);
      expect((wrongOperator as CortexInvalidRequestError).field).toBe("filters.0.operator");
      expect(seen.length).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it("sends what the service accepts: an id as a number where the spec says string, operators in any case", async () => {
    const strict = client({ validateRequests: true });
    const before = seen.length;
    try {
      const page = await strict.request<{ incidents: { incident_id: string }[] }>("incidents.get_incidents", { filters: [{ field: "creation_time", operator: "GTE", value: 0 }], search_from: 0, search_to: 4 });
      const id = page.incidents[0]?.incident_id;
      expect(id).toBeDefined();
      const extra = await strict.request<{ incident: { incident_id: string } }>("incidents.get_incident_extra_data", { incident_id: Number(id) });
      expect(extra.incident.incident_id).toBe(id);
      expect(seen.length).toBe(before + 2);
    } finally {
      await strict.close();
    }
  });

  it("is off by default and can be turned on or off per call", async () => {
    const lenient = client();
    const before = seen.length;
    try {
      // Off: the request goes out and the service refuses it.
      await expect(lenient.request("api_keys.generate", { security_level: "standard" })).rejects.not.toBeInstanceOf(CortexInvalidRequestError);
      expect(seen.length).toBe(before + 1);
      const perCall = await lenient.request("api_keys.generate", { security_level: "standard" }, { validateRequests: true }).catch((e: unknown) => e);
      expect(perCall).toBeInstanceOf(CortexInvalidRequestError);
      expect(seen.length).toBe(before + 1);
    } finally {
      await lenient.close();
    }
  });
});
