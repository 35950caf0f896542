import { MockAgent } from "undici";
import { CortexClient, type ClientOptions, type LogFields, type Logger } from "../src/index.js";

let tenantCounter = 0;

/** A unique tenant URL per test, so the shared per-tenant state (retry budget, clock) never leaks between tests. */
export function uniqueBaseUrl(): string {
  tenantCounter += 1;
  return `https://api-tenant${tenantCounter}-${process.pid}.example.com`;
}

export const TEST_KEY = "TestKeySecretValue0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

export interface Harness {
  readonly client: CortexClient;
  readonly agent: MockAgent;
  readonly baseUrl: string;
  readonly pool: ReturnType<MockAgent["get"]>;
  readonly lines: string[];
}

/** A client over a MockAgent with fast retries and a logger that records every line. */
export function harness(options: Partial<ClientOptions> = {}): Harness {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const baseUrl = uniqueBaseUrl();
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: LogFields) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
  const client = new CortexClient(
    {
      baseUrl,
      apiKeyId: "7",
      apiKey: TEST_KEY,
      securityLevel: "advanced",
      dispatcher: agent,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      logger,
      logLevel: "debug",
      ...options,
    },
    { product: "xdr", clientName: "test", clientVersion: "0.0.0" },
  );
  return { client, agent, baseUrl, pool: agent.get(baseUrl), lines };
}

/** Reads a header from undici's mock request options whatever shape they arrive in. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (Array.isArray(headers)) {
    for (let index = 0; index < headers.length; index += 2) {
      if (String(headers[index]).toLowerCase() === name) return String(headers[index + 1]);
    }
    return undefined;
  }
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) if (key.toLowerCase() === name) return String(value);
  return undefined;
}

export const INCIDENTS_PATH = "/public_api/v1/incidents/get_incidents";
export const GENERATE_PATH = "/public_api/v1/api_keys/generate";
