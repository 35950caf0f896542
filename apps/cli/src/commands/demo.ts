/**
 * `cxctl demo`: the project's walk-through against the embedded emulator. It starts local tenants for
 * every product and runs real cxctl command lines against them (the same code as typed at a shell):
 * a key generated into a profile (in a temporary directory) to expire in 5 days, the expiry notice an
 * ordinary command gives for it and the rotation of the key the notice names, incidents, an isolation with
 * wait, an XQL query, an XSOAR incident, Xpanse assets and Cortex Cloud issues. A step the emulator or a client cannot serve yet is reported as
 * "skipped: ..." instead of failing the demo; the first three steps are required.
 *
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import type { CliIo } from "../io.js";
import { styleFor } from "../style.js";
import { mask } from "./examples.js";

/** Runs a cxctl command line in-process and returns its exit code. */
export type RunCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Builds `cxctl demo`.
 *
 * @param io - The run's streams and environment.
 * @param run - Runs a command line (the CLI's own entry point).
 * @returns The command.
 */
export function demoCommand(io: CliIo, run: RunCommand): Command {
  return new Command("demo")
    .description("walk through every product against a local emulated tenant (no network beyond loopback)")
    .addHelpText("after", "\nExample:\n  cxctl demo")
    .action(async () => {
      const style = styleFor(io.stdout, io.env);
      const say = (text: string): void => {
        io.stdout.write(`${text}\n`);
      };
      const indent = (text: string): void => {
        for (const line of text.trimEnd().split("\n")) if (line !== "") say(`   ${line}`);
      };
      const { startEmulator } = await import("@cortex-sdk/emulator");
      const emulator = await startEmulator({ port: 0 });
      const home = await mkdtemp(join(tmpdir(), "cxctl-demo-"));
      let skipped = 0;
      try {
        const keyOf = (product: string) => emulator.bootstrapKeys.find((key) => key.product === product);
        const admin = keyOf("xdr");
        if (admin === undefined) throw new Error("The emulator started without an XDR bootstrap key.");
        say(style.bold(`1. Started a local Cortex XDR tenant at ${emulator.url}`));
        say(`   (and ${emulator.tenants.length - 1} more tenants on the same URL: ${emulator.tenants.map((tenant) => tenant.product).slice(1).join(", ")})`);
        say(`   bootstrap administrator key: id ${admin.keyId}, ${admin.securityLevel}, key ${mask(admin.key)}`);
        const adminEnv = connectionEnv(emulator.url, admin.keyId, admin.key, admin.securityLevel);
        const cli = async (argv: readonly string[], env: Record<string, string>): Promise<Captured> => {
          say(style.dim(`   $ cxctl ${argv.map(quote).join(" ")}`));
          const captured = captureIo({ ...env, NO_COLOR: "1" });
          const code = await run(argv, captured.io);
          return { code, stdout: captured.stdout(), stderr: captured.stderr() };
        };
        const required = (what: string, result: Captured): void => {
          if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${result.stderr.trim()}`);
        };
        const showNotices = (result: Captured): void => {
          for (const line of result.stderr.split("\n")) if (line.startsWith("notice:")) say(`   ${style.yellow(line)}`);
        };
        const optional = (result: Captured, show: (result: Captured) => void): void => {
          if (result.code === 0) show(result);
          else {
            skipped++;
            say(`   ${style.yellow("skipped:")} exit ${result.code}: ${result.stderr.trim().split("\n")[0] ?? ""} (emulator or client support not there yet)`);
          }
        };

        // The demo's own profile file (a temporary directory): the generated key is saved there, never printed.
        const profileEnv = { CORTEX_CONFIG_FILE: join(home, "config.json") };
        say(style.bold("2. Generating an advanced API key that expires in 5 days, saved in the profile \"demo\":"));
        const generated = await cli(["keys", "generate", "--role", "Instance Administrator", "--level", "advanced", "--expires", "5d", "--comment", "cxctl demo", "--save-profile", "demo", "--output", "json"], { ...adminEnv, ...profileEnv });
        required("keys generate", generated);
        const key = JSON.parse(generated.stdout) as { id: number; security_level: string; expires: string };
        say(`   new key: id ${key.id}, ${key.security_level}, expires ${key.expires} (the secret went into the profile; it is shown nowhere)`);

        say(style.bold("3. Listing the tenant's keys (expiry notices go to stderr):"));
        const listed = await cli(["keys", "list", "--output", "table"], adminEnv);
        required("keys list", listed);
        indent(listed.stdout);
        showNotices(listed);

        say(style.bold("4. Listing incidents with the new key: an ordinary command notices that the key in use expires within a week:"));
        const incidents = await cli(["--profile", "demo", "xdr", "incidents", "list", "--limit", "5", "--output", "table"], profileEnv);
        required("incidents list", incidents);
        indent(incidents.stdout);
        say(`   ${incidents.stdout.trim().split("\n").length - 1} incidents`);
        showNotices(incidents);

        say(style.bold(`5. Rotating the key the notice names (same roles, level and comment; the old key deleted once the new one made a call):`));
        const rotated = await cli(["--profile", "demo", "keys", "rotate", String(key.id), "--delete-old", "--output", "json"], profileEnv);
        required("keys rotate", rotated);
        indent(rotated.stderr);
        const rotation = JSON.parse(rotated.stdout) as { new_id: number; expires: string };
        say(`   profile "demo" now holds key ${rotation.new_id}, expiring ${rotation.expires}`);
        const userEnv = profileEnv;
        const asUser = (argv: readonly string[]): string[] => ["--profile", "demo", ...argv];

        say(style.bold("6. Isolating an endpoint and waiting for the action to finish:"));
        const endpoints = await cli(["xdr", "endpoints", "list", "--limit", "1", "--output", "json"], adminEnv);
        let endpointId: string | undefined;
        optional(endpoints, (result) => {
          const [first] = JSON.parse(result.stdout) as Record<string, unknown>[];
          endpointId = String(first?.["agent_id"] ?? first?.["endpoint_id"] ?? "");
        });
        if (endpointId !== undefined && endpointId !== "") {
          const isolated = await cli(["xdr", "endpoints", "isolate", endpointId, "--wait", "--max-wait", "60s", "--output", "json"], adminEnv);
          optional(isolated, (result) => indent(result.stdout));
        }

        say(style.bold("7. Running an XQL query (results stream as NDJSON):"));
        optional(await cli(asUser(["xql", "dataset = xdr_data | limit 3", "--timeframe", "24h", "--output", "ndjson"]), userEnv), (result) => indent(result.stdout));

        const xsoar = keyOf("xsoar8");
        say(style.bold("8. Creating an XSOAR 8 incident, then searching:"));
        if (xsoar === undefined) {
          skipped++;
          say(`   ${style.yellow("skipped:")} no XSOAR 8 tenant`);
        } else {
          const xsoarEnv = { ...connectionEnv(emulator.url, xsoar.keyId, xsoar.key, xsoar.securityLevel), CORTEX_XSOAR_VERSION: "8" };
          optional(await cli(["xsoar", "incidents", "create", "--name", "cxctl demo phishing report", "--type", "Phishing", "--severity", "2", "--output", "json"], xsoarEnv), (result) => {
            const created = JSON.parse(result.stdout) as Record<string, unknown>;
            say(`   created incident ${String(created["id"] ?? "?")}: ${String(created["name"] ?? "")}`);
          });
          optional(await cli(["xsoar", "incidents", "search", "--limit", "3", "--output", "table"], xsoarEnv), (result) => indent(result.stdout));
        }

        const xpanse = keyOf("xpanse");
        say(style.bold("9. Listing Xpanse assets:"));
        if (xpanse !== undefined) {
          optional(await cli(["xpanse", "assets", "list", "--limit", "3", "--output", "table"], connectionEnv(emulator.url, xpanse.keyId, xpanse.key, xpanse.securityLevel)), (result) => indent(result.stdout));
        }

        const cloud = keyOf("cloud");
        say(style.bold("10. Listing Cortex Cloud issues:"));
        if (cloud !== undefined) {
          optional(await cli(["cloud", "issues", "list", "--limit", "3", "--output", "table"], connectionEnv(emulator.url, cloud.keyId, cloud.key, cloud.securityLevel)), (result) => indent(result.stdout));
        }

        say(style.bold("11. Checking the setup with cxctl doctor:"));
        const doctor = await cli(asUser(["doctor", "--output", "table"]), userEnv);
        indent(doctor.stdout);

        say(
          style.bold(
            `Done: keys generated and listed and incidents listed over real HTTP on loopback${skipped === 0 ? "; every step ran." : `; ${skipped} step${skipped === 1 ? "" : "s"} skipped.`}`,
          ),
        );
      } finally {
        await emulator.close();
        await rm(home, { recursive: true, force: true });
      }
    });
}

function quote(word: string): string {
  return /^[\w./:@=-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, "\\$1")}"`;
}

function connectionEnv(url: string, keyId: string, key: string, level: string): Record<string, string> {
  return { CORTEX_API_BASE_URL: url, CORTEX_API_KEY_ID: keyId, CORTEX_API_KEY: key, CORTEX_API_KEY_TYPE: level };
}

function captureIo(env: Record<string, string>): { io: CliIo; stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return {
    io: { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env },
    stdout: () => out,
    stderr: () => err,
  };
}
