/**
 * `cxctl demo`: the project's walk-through against the embedded emulator. It starts a local tenant,
 * generates an advanced key through the API with the bootstrap key, and lists incidents with the new key,
 * running the same command code as `cxctl keys generate` and `cxctl xdr incidents list`.
 *
 * @module
 */
import { startEmulator } from "@cortex-sdk/emulator";
import { Command } from "commander";
import type { CliIo } from "../io.js";

/** Runs a cxctl command line in-process and returns its exit code. */
export type RunCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

/**
 * Builds `cxctl demo`.
 *
 * @param io - The run's streams and environment.
 * @param run - Runs a command line (the CLI's own entry point).
 * @returns The command.
 */
export function demoCommand(io: CliIo, run: RunCommand): Command {
  return new Command("demo")
    .description("walk through the SDK against a local emulated tenant (no network beyond loopback)")
    .action(async () => {
      const say = (text: string): void => {
        io.stdout.write(`${text}\n`);
      };
      const emulator = await startEmulator({ port: 0 });
      try {
        const admin = emulator.bootstrapKeys[0];
        if (admin === undefined) throw new Error("The emulator started without a bootstrap key.");
        say(`1. Started a local Cortex XDR tenant at ${emulator.url}`);
        say(`   bootstrap administrator key: id ${admin.keyId}, ${admin.securityLevel}, key ${mask(admin.key)}`);
        const adminEnv = connectionEnv(emulator.url, admin.keyId, admin.key, admin.securityLevel);

        say("2. Generating an advanced API key with the bootstrap key:");
        say('   $ cxctl keys generate --role "Investigator" --level advanced --expires 30d --comment "cxctl demo" --output json');
        const generated = captureIo(adminEnv);
        const generateCode = await run(["keys", "generate", "--role", "Investigator", "--level", "advanced", "--expires", "30d", "--comment", "cxctl demo", "--output", "json"], generated.io);
        if (generateCode !== 0) throw new Error(`keys generate failed (exit ${generateCode}): ${generated.stderr()}`);
        const key = JSON.parse(generated.stdout()) as { id: number; key: string; security_level: string };
        say(`   new key: id ${key.id}, ${key.security_level}, key ${mask(key.key)} (the secret is shown once; masked here)`);

        say("3. Listing incidents with the new key (every call signed with a fresh nonce and timestamp):");
        say("   $ cxctl xdr incidents list --limit 5 --output table");
        const listed = captureIo(connectionEnv(emulator.url, String(key.id), key.key, "advanced"));
        const listCode = await run(["xdr", "incidents", "list", "--limit", "5", "--output", "table"], listed.io);
        if (listCode !== 0) throw new Error(`incidents list failed (exit ${listCode}): ${listed.stderr()}`);
        for (const line of listed.stdout().trimEnd().split("\n")) say(`   ${line}`);
        say(`   ${listed.stderr().trim()}`);
        say("Done: a key generated and incidents listed over real HTTP on loopback.");
      } finally {
        await emulator.close();
      }
    });
}

function connectionEnv(url: string, keyId: string, key: string, level: string): Record<string, string> {
  return { CORTEX_API_BASE_URL: url, CORTEX_API_KEY_ID: keyId, CORTEX_API_KEY: key, CORTEX_API_KEY_TYPE: level };
}

function mask(secret: string): string {
  return `${secret.slice(0, 4)}${"*".repeat(8)}`;
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
