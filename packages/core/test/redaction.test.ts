import { afterEach, describe, expect, it } from "vitest";
import { harness, GENERATE_PATH, INCIDENTS_PATH, TEST_KEY, type Harness } from "./helpers.js";

const json = { "content-type": "application/json" };
let current: Harness | undefined;
afterEach(async () => {
  await current?.client.close();
  await current?.agent.close();
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
