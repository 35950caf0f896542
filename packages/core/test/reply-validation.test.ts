import { describe, expect, it } from "vitest";
import { CortexConfigError, CortexReplyValidationError, replyValidationStep } from "../src/index.js";

// The step only reads these parts of the call context and result.
const context = { operation: { id: "healthcheck" }, options: {}, callId: "call-1" } as never;
const next = async () => ({ response: { headers: {}, status: 200 }, data: { status: 1 }, attempts: 1 }) as never;

describe("reply validation step", () => {
  it("names the missing optional peer dependency zod, and loads again on the next call", async () => {
    let loads = 0;
    const step = replyValidationStep(true, async () => {
      loads += 1;
      throw Object.assign(new Error("Cannot find package 'zod' imported from /app/node_modules/@cortex-sdk/schemas-base/dist/validators.js"), { code: "ERR_MODULE_NOT_FOUND" });
    });
    const error = await step(context, next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexConfigError);
    expect((error as Error).message).toContain("npm install zod");
    await expect(step(context, next)).rejects.toBeInstanceOf(CortexConfigError);
    expect(loads).toBe(2);
  });

  it("passes other load failures through unchanged", async () => {
    const boom = new Error("disk on fire");
    const step = replyValidationStep(true, async () => {
      throw boom;
    });
    await expect(step(context, next)).rejects.toBe(boom);
  });

  it("checks the reply with the loaded validator", async () => {
    const step = replyValidationStep(true, async () => ({
      responseValidator: () => ({ "~standard": { validate: () => ({ issues: [{ message: "expected string", path: ["status"] }] }) } }),
    }));
    await expect(step(context, next)).rejects.toBeInstanceOf(CortexReplyValidationError);
  });
});
