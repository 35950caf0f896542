import { afterEach, describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { createLogger, redactBody, redactHeaders, redactText, redactUrl, resolveConfig } from "../src/index.js";
import { harness, GENERATE_PATH, INCIDENTS_PATH, recordingLogger, TEST_KEY, testInfo, type Harness } from "./helpers.js";

const json = { "content-type": "application/json" };
let current: Harness | undefined;
afterEach(async () => {
  await current?.client.close();
  await current?.agent.close();
  current = undefined;
});

describe("logging", () => {
  it("never writes a secret, even at debug level with retries and a generate reply", async () => {
    current = harness();
    const generatedSecret = "GeneratedSecretThatMustNotAppear0123456789";
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(503, "busy");
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(200, { reply: { total_count: 0, result_count: 0, incidents: [] } }, { headers: json });
    current.pool.intercept({ path: GENERATE_PATH, method: "POST" }).reply(400, { reply: { err_code: 400, err_msg: "bad", err_extra: null }, key: generatedSecret }, { headers: json });
    await current.client.request("incidents.get_incidents", {});
    await current.client.request("api_keys.generate", { roles: ["x"], security_level: "standard" }).catch(() => undefined);
    expect(current.lines.length).toBeGreaterThan(1);
    const all = current.lines.join("\n");
    expect(all).not.toContain(TEST_KEY);
    expect(all).not.toContain(generatedSecret);
    expect(all).toMatch(/retrying/);
  });
});

describe("redaction", () => {
  it("hides Authorization, every x-xdr-* header, cookies and proxy credentials", () => {
    const headers = redactHeaders({ Authorization: "a", "x-xdr-auth-id": "7", "x-xdr-nonce": "n", "x-xdr-timestamp": "1", "x-xdr-anything-new": "x", cookie: "c", "proxy-authorization": "p", accept: "application/json" });
    expect(Object.entries(headers).filter(([, value]) => value !== "[REDACTED]").map(([name]) => name)).toEqual(["accept"]);
  });

  it("hides secret fields at any depth, passwords in URLs, and known secrets inside any string", () => {
    const body = redactBody({ profiles: { prod: { apiKey: "k1", baseUrl: "https://u:pw@host" } }, reply: { id: 1, key: "k2" }, note: `saw ${TEST_KEY} here` }, [TEST_KEY]);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/k1|k2|:pw@/);
    expect(text).not.toContain(TEST_KEY);
    expect(redactUrl("http://alice:s3cret@proxy:3128")).toBe("http://alice:[REDACTED]@proxy:3128");
    expect(redactText("no secrets here", ["short"])).toBe("no secrets here");
  });

  it("keeps the key out of every log line, even when a message or field carries it", () => {
    const sink = recordingLogger();
    const logger = createLogger(sink, "debug", [TEST_KEY]);
    logger.error(`failed with ${TEST_KEY}`, { headers: { authorization: TEST_KEY }, nested: [{ text: `x${TEST_KEY}x` }], error: new Error(`boom ${TEST_KEY}`) });
    expect(sink.lines.join("\n")).not.toContain(TEST_KEY);
    expect(sink.lines.join("\n")).toContain("boom [REDACTED]");
  });

  it("keeps the key out of the resolved configuration and of the client, whatever way they are printed", () => {
    const config = resolveConfig({ env: { CORTEX_API_BASE_URL: "https://api-x.example.com", CORTEX_API_KEY_ID: "1", CORTEX_API_KEY: TEST_KEY, CORTEX_API_KEY_TYPE: "advanced", HTTPS_PROXY: "http://u:proxy-pw@p:1" } }, testInfo());
    for (const text of [JSON.stringify(config), inspect(config, { depth: 10, showHidden: true }), String(config.credentials)]) {
      expect(text).not.toContain(TEST_KEY);
      expect(text).not.toContain("proxy-pw");
    }
  });
});
