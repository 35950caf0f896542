import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "./helpers.js";

/** Drives a command on a pseudo-terminal: waits for each prompt, types its answer, returns everything the terminal showed. */
const DRIVER = String.raw`
import json, os, pty, select, sys, time
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execve(spec["argv"][0], spec["argv"], spec["env"])
seen = b""
def read_until(marker, deadline):
    global seen
    while marker.encode() not in seen:
        if time.time() > deadline:
            return False
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            seen += chunk
    return True
deadline = time.time() + 20
for prompt, answer in spec["answers"]:
    if not read_until(prompt, deadline):
        break
    time.sleep(0.05)
    os.write(fd, (answer + "\r").encode())
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
`;

function hasPythonPty(): boolean {
  try {
    execFileSync("python3", ["-c", "import pty, os; os.waitstatus_to_exitcode"], { stdio: "ignore", timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

function onTerminal(args: readonly string[], env: Record<string, string>, answers: readonly (readonly [string, string])[]): Promise<{ code: number; output: string }> {
  const spec = JSON.stringify({ argv: [process.execPath, BIN, ...args], env: { PATH: process.env["PATH"] ?? "", TERM: "xterm-256color", NO_COLOR: "1", ...env }, answers });
  return new Promise((resolve) => {
    execFile("python3", ["-c", DRIVER, spec], { timeout: 30_000 }, (error, stdout) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, output: stdout.replace(/\r\n/g, "\n") });
    });
  });
}

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "cxctl-pty-"));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe.skipIf(!hasPythonPty())("cxctl profile add on a terminal (pseudo-terminal via python3 pty)", () => {
  it("asks each question, does not echo the key, and stores the api- URL of a console URL", async () => {
    const secret = "s3cr3t-Key-Never-Echoed-0123456789";
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
    const result = await onTerminal(["profile", "add", "onpty"], env, [
      ["API URL", "https://acme.xdr.eu.paloaltonetworks.com"],
      ["API key ID", "42"],
      ["API key", secret],
      ["Security level", "standard"],
    ]);
    expect(result.code, result.output).toBe(0);
    // Every question was shown, the answers typed in the clear were echoed, the key was not.
    expect(result.output).toMatch(/API URL \(console URL or FQDN accepted\): https:\/\/acme\.xdr\.eu\.paloaltonetworks\.com\n/);
    expect(result.output).toMatch(/API key ID: 42\n/);
    expect(result.output).toMatch(/API key: \n/);
    expect(result.output).toContain("Security level (standard or advanced)");
    expect(result.output).not.toContain(secret);
    expect(result.output).not.toContain(secret.slice(0, 6));
    expect(result.output).toContain('saved profile "onpty" (https://api-acme.xdr.eu.paloaltonetworks.com, from https://acme.xdr.eu.paloaltonetworks.com)');
    const stored = JSON.parse(await readFile(join(home, ".config", "cortex-sdk", "config.json"), "utf8")) as { profiles: Record<string, { baseUrl: string; apiKeyId: string; apiKey: string; securityLevel: string }> };
    expect(stored.profiles["onpty"]).toMatchObject({ baseUrl: "https://api-acme.xdr.eu.paloaltonetworks.com", apiKeyId: "42", apiKey: secret, securityLevel: "standard" });
  });
});
