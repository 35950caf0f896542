import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REQUEST_LIMITS, MAX_BODY_BYTES, type RunningEmulator } from "../src/index.js";
import { advancedHeaders, bootstrapOf, call, invalidInput, startEmulator, type Credentials } from "./helpers.js";

const HEALTH = "/public_api/v1/healthcheck";
const ALERTS = "/public_api/v1/alerts/get_alerts";
const GENERATE = "/public_api/v1/api_keys/generate";

let emulator: RunningEmulator;
let admin: Credentials;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = bootstrapOf(emulator.bootstrapKeys, "tenant-xdr-1");
});

afterAll(async () => {
  await emulator.close();
});

/** Writes raw bytes to the emulator and collects everything it answers until it closes. */
function rawExchange(bytes: string): Promise<string> {
  const url = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("end", () => {
      socket.destroy();
      resolve(text);
    });
    socket.on("error", reject);
  });
}

/** Splits a raw HTTP answer into its status line and parsed JSON body. */
function parseRaw(answer: string): { statusLine: string; contentType: string | undefined; body: unknown } {
  const [head = "", body = ""] = answer.split("\r\n\r\n", 2);
  const [statusLine = "", ...headers] = head.split("\r\n");
  const contentType = headers.find((line) => line.toLowerCase().startsWith("content-type:"))?.split(":")[1]?.trim();
  return { statusLine, contentType, body: JSON.parse(body) };
}

async function stillServing(): Promise<void> {
  expect((await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin) })).status).toBe(200);
}

describe("requests Node does not route to handlers", () => {
  it("answers CONNECT with 400 in the gateway's envelope", async () => {
    const answer = parseRaw(await rawExchange("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
    expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
    expect(answer.contentType).toBe("application/json");
    expect(answer.body).toEqual(invalidInput("CONNECT is not supported"));
    await stillServing();
  });

  it("answers a protocol upgrade with 400 in the gateway's envelope", async () => {
    const answer = parseRaw(
      await rawExchange(`GET ${HEALTH} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`),
    );
    expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
    expect(answer.body).toEqual(invalidInput("Protocol upgrades are not supported"));
  });

  it("answers malformed HTTP with 400 in the gateway's envelope", async () => {
    const answer = parseRaw(await rawExchange("THIS IS NOT HTTP\r\n\r\n"));
    expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
    expect(answer.body).toEqual(invalidInput("Malformed HTTP request"));
  });

  it("answers oversized headers with 431 in the gateway's envelope", async () => {
    const answer = parseRaw(await rawExchange(`GET ${HEALTH} HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(64 * 1024)}\r\n\r\n`));
    expect(answer.statusLine).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(answer.body).toEqual({
      reply: { err_code: 431, err_msg: "Request Header Fields Too Large", err_extra: "Request header fields too large" },
    });
    await stillServing();
  });
});

describe("size bounds of a request body", () => {
  it("refuses a filter with more ids than any list may hold, naming the list", async () => {
    const ids = Array.from({ length: DEFAULT_REQUEST_LIMITS.maxArrayItems + 1 }, (_, index) => String(index));
    const reply = await call(emulator.url, ALERTS, {
      headers: advancedHeaders(admin),
      body: { request_data: { filters: [{ field: "alert_id_list", operator: "in", value: ids }] } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(
      invalidInput(`request_data.filters[0].value: List should have at most ${DEFAULT_REQUEST_LIMITS.maxArrayItems} items, got ${ids.length}`),
    );
  });

  it("still takes a filter at the bound", async () => {
    const ids = Array.from({ length: DEFAULT_REQUEST_LIMITS.maxArrayItems }, (_, index) => String(index));
    const reply = await call(emulator.url, ALERTS, {
      headers: advancedHeaders(admin),
      body: { request_data: { filters: [{ field: "alert_id_list", operator: "in", value: ids }] } },
    });
    expect(reply.status).toBe(200);
  });

  it("refuses a string past the bound, and nesting past the bound", async () => {
    const long = await call(emulator.url, ALERTS, {
      headers: advancedHeaders(admin),
      body: { request_data: { sort: { field: "x".repeat(DEFAULT_REQUEST_LIMITS.maxStringLength + 1) } } },
    });
    expect(long.status).toBe(400);
    expect(long.body).toEqual(invalidInput(`request_data.sort.field: String should have at most ${DEFAULT_REQUEST_LIMITS.maxStringLength} characters`));
    const depth = 100_000;
    const deep = await call(emulator.url, ALERTS, { headers: advancedHeaders(admin), rawBody: "[".repeat(depth) + "]".repeat(depth) });
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual(invalidInput(`${"[0]".repeat(DEFAULT_REQUEST_LIMITS.maxDepth)}: nesting deeper than ${DEFAULT_REQUEST_LIMITS.maxDepth} levels`));
    await stillServing();
  });

  it("refuses an API key comment past 1,024 characters with 400, and a 9 MiB one with 413", async () => {
    const generate = (comment: string) =>
      call(emulator.url, GENERATE, {
        headers: advancedHeaders(admin),
        body: { request_data: { roles: ["Viewer"], security_level: "advanced", comment } },
      });
    const long = await generate("c".repeat(1025));
    expect(long.status).toBe(400);
    expect(long.body).toEqual(invalidInput("comment: String should have at most 1024 characters"));
    expect((await generate("c".repeat(1024))).status).toBe(200);
    const huge = await generate("c".repeat(9 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({
      reply: { err_code: 413, err_msg: "Request entity too large", err_extra: `Request body exceeds ${MAX_BODY_BYTES} bytes` },
    });
  });

  it("takes configured bounds", async () => {
    const strict = await startEmulator({ requestLimits: { maxArrayItems: 2 }, maxBodyBytes: 200 });
    try {
      const key = bootstrapOf(strict.bootstrapKeys, "tenant-xdr-1");
      const three = await call(strict.url, ALERTS, {
        headers: advancedHeaders(key),
        body: { request_data: { filters: [{ field: "alert_id_list", operator: "in", value: ["1", "2", "3"] }] } },
      });
      expect(three.body).toEqual(invalidInput("request_data.filters[0].value: List should have at most 2 items, got 3"));
      const big = await call(strict.url, ALERTS, { headers: advancedHeaders(key), rawBody: JSON.stringify({ request_data: { x: "y".repeat(200) } }) });
      expect(big.status).toBe(413);
    } finally {
      await strict.close();
    }
  });
});
