/**
 * Connection flags shared by every command that talks to a tenant, turned into client options.
 * Flags win over the CORTEX_API_* environment variables.
 *
 * @module
 */
import type { ClientOptions } from "@cortex-sdk/core";
import type { Command } from "commander";
import type { CliIo } from "./io.js";

/** Values of the connection flags. */
export interface ConnectionFlags {
  /** `--base-url` */
  readonly baseUrl?: string;
  /** `--key-id` */
  readonly keyId?: string;
  /** `--key` (prefer the environment: flags show up in the process list) */
  readonly key?: string;
  /** `--key-type` */
  readonly keyType?: string;
}

/**
 * Adds the connection flags to a command.
 *
 * @param command - The command.
 * @returns The same command.
 */
export function withConnectionFlags(command: Command): Command {
  return command
    .option("--base-url <url>", "tenant API URL (env CORTEX_API_BASE_URL)")
    .option("--key-id <id>", "API key id (env CORTEX_API_KEY_ID)")
    .option("--key <secret>", "API key (env CORTEX_API_KEY; prefer the env var, flags are visible to other users)")
    .option("--key-type <level>", "standard or advanced (env CORTEX_API_KEY_TYPE)");
}

/**
 * Client options from flags and the environment.
 *
 * @param flags - Parsed flags.
 * @param io - The run's environment.
 * @returns Options for a product client.
 */
export function clientOptionsFrom(flags: ConnectionFlags, io: CliIo): ClientOptions {
  const env: Record<string, string | undefined> = { ...io.env };
  if (flags.baseUrl !== undefined) env["CORTEX_API_BASE_URL"] = flags.baseUrl;
  if (flags.keyId !== undefined) env["CORTEX_API_KEY_ID"] = flags.keyId;
  if (flags.key !== undefined) env["CORTEX_API_KEY"] = flags.key;
  if (flags.keyType !== undefined) env["CORTEX_API_KEY_TYPE"] = flags.keyType;
  return { env };
}
