/**
 * `cxctl keys ...`: API key management.
 *
 * @module
 */
import { XdrClient } from "@cortex-sdk/xdr";
import { Command, Option } from "commander";
import { clientOptionsFrom, withConnectionFlags, type ConnectionFlags } from "../connection.js";
import type { CliIo } from "../io.js";
import { chooseFormat, OUTPUT_FORMATS, UsageError } from "../output.js";

interface GenerateFlags extends ConnectionFlags {
  readonly role: string[];
  readonly level: "standard" | "advanced";
  readonly expires?: string;
  readonly comment?: string;
  readonly output?: string;
}

const DURATION = /^(\d+)\s*(m|h|d|w)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** The service refuses expirations more than six months ahead; checked before sending. */
const MAX_EXPIRY_MS = 183 * 86_400_000;

/**
 * Parses a duration such as `30d`, `12h`, `2w`.
 *
 * @param text - The duration.
 * @returns Milliseconds.
 * @throws {@link UsageError} when the text is not a duration.
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (match === null) throw new UsageError(`"${text}" is not a duration; use a number and a unit, e.g. 30d, 12h, 2w, 90m.`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * Builds `cxctl keys`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function keysCommand(io: CliIo): Command {
  const keys = new Command("keys").description("manage API keys");
  withConnectionFlags(
    keys
      .command("generate")
      .description("generate an API key; the secret is shown once")
      .requiredOption("--role <name...>", "role of the new key (repeat for several)")
      .addOption(new Option("--level <level>", "security level").choices(["standard", "advanced"]).default("advanced"))
      .option("--expires <duration>", "lifetime such as 30d (default: the service's one week; at most six months)")
      .option("--comment <text>", "comment shown in the console")
      .addOption(new Option("-o, --output <format>", "output format").choices(OUTPUT_FORMATS))
      .addHelpText("after", '\nExample:\n  cxctl keys generate --role "Investigator" --level advanced --expires 30d --comment "SOAR sync"'),
  ).action(async (flags: GenerateFlags) => {
    const format = chooseFormat(flags.output, io.stdout);
    let expiration: number | undefined;
    if (flags.expires !== undefined) {
      const lifetime = parseDuration(flags.expires);
      if (lifetime > MAX_EXPIRY_MS) throw new UsageError(`--expires ${flags.expires} is more than six months; the service refuses that.`);
      expiration = Date.now() + lifetime;
    }
    const client = new XdrClient(clientOptionsFrom(flags, io));
    try {
      const reply = await client.apiKeys.generate({
        roles: flags.role,
        security_level: flags.level,
        ...(expiration === undefined ? {} : { expiration }),
        ...(flags.comment === undefined ? {} : { comment: flags.comment }),
      });
      if (format === "table") {
        io.stdout.write(`id      ${reply.id}\nlevel   ${flags.level}\nkey     ${reply.key}\n`);
        io.stderr.write("This is the only time the key is shown. Store it now (for example in a secret manager).\n");
      } else {
        io.stdout.write(`${JSON.stringify({ id: reply.id, key: reply.key, security_level: flags.level }, null, format === "json" ? 2 : undefined)}\n`);
      }
    } finally {
      await client.close();
    }
  });
  return keys;
}
