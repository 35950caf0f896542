/**
 * `cxctl profile add|list|use|remove|show`: named connection profiles in the user's configuration file
 * (core's profile API: mode 0600 in a 0700 directory; the key is never printed).
 *
 * @module
 */
import { Command } from "commander";
import { globalFlags } from "../connection.js";
import type { CliIo } from "../io.js";
import { chooseFormat, UsageError, writeRows, writeValue } from "../output.js";
import { prompter } from "../prompt.js";
import { styleFor } from "../style.js";

/**
 * Builds `cxctl profile`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function profileCommand(io: CliIo): Command {
  const profile = new Command("profile").description("named connection profiles (URL, key id, key, level) in the config file");
  const fileOptions = () => ({ env: io.env });

  profile
    .command("add")
    .argument("[name]", "profile name", "default")
    .description("add or replace a profile; asks for what the flags do not give (the key without echo)")
    .option("--default", "make it the default profile (the first profile always is)")
    .addHelpText(
      "after",
      "\nTakes the global --base-url, --key-id, --key (or - for stdin), --key-type, --xsoar-version, --ca-file, --proxy and --child-tenant.\nA console URL or a bare FQDN is stored as the api- URL.\n\nExample:\n  cxctl profile add prod --base-url acme.xdr.eu.paloaltonetworks.com --key-id 42 --key-type advanced   # asks for the key",
    )
    .action(async (name: string, own: { default?: boolean }, self: Command) => {
      const core = await import("@cortex-sdk/core");
      const flags = globalFlags(self);
      const ask = prompter(io);
      const baseInput = flags.baseUrl ?? (await ask.ask("API URL (console URL or FQDN accepted)"));
      const xsoarVersion = flags.xsoarVersion === undefined ? undefined : flags.xsoarVersion === "6" ? 6 : flags.xsoarVersion === "8" ? 8 : undefined;
      if (flags.xsoarVersion !== undefined && xsoarVersion === undefined) throw new UsageError(`--xsoar-version must be 6 or 8; got "${flags.xsoarVersion}".`);
      const baseUrl = core.normalizeBaseUrl(baseInput, xsoarVersion === undefined ? {} : { product: "xsoar", xsoarVersion });
      const keyId = xsoarVersion === 6 ? undefined : (flags.keyId ?? (await ask.ask("API key ID")));
      let key = flags.key;
      if (key === "-" || key === undefined) key = await ask.ask("API key", { secret: true });
      const level = xsoarVersion === 6 ? undefined : (flags.keyType ?? (await ask.ask("Security level (standard or advanced)", { fallback: "advanced" })));
      if (level !== undefined && level !== "standard" && level !== "advanced") throw new UsageError(`the security level must be standard or advanced; got ${level.length > 16 ? `a value of ${level.length} characters (not shown: it looks like a key)` : `"${level}"`}.`);
      if (key === "") throw new UsageError("the API key is empty.");
      const path = core.saveProfile(
        name,
        {
          baseUrl,
          ...(keyId === undefined ? {} : { apiKeyId: keyId }),
          apiKey: key,
          ...(level === undefined ? {} : { securityLevel: level }),
          ...(xsoarVersion === undefined ? {} : { xsoarVersion }),
          ...(flags.caFile === undefined ? {} : { caFile: flags.caFile }),
          ...(flags.proxy === undefined ? {} : { proxy: flags.proxy }),
          ...(flags.childTenant === undefined ? {} : { childTenantId: flags.childTenant }),
        },
        { ...fileOptions(), ...(own.default === true ? { makeDefault: true } : {}) },
      );
      const style = styleFor(io.stderr, io.env);
      io.stderr.write(`${style.green("✓")} saved profile "${name}" (${baseUrl}${baseUrl === baseInput.trim() ? "" : `, from ${baseInput.trim()}`}) in ${path}\n  check it with: cxctl doctor --profile ${name}\n`);
    });

  profile
    .command("list")
    .description("list profiles (never the keys)")
    .addHelpText("after", "\nExample:\n  cxctl profile list --output table")
    .action(async (_own: unknown, self: Command) => {
      const core = await import("@cortex-sdk/core");
      const format = chooseFormat(globalFlags(self).output, io.stdout);
      const profiles = core.listProfiles(fileOptions());
      await writeRows(profiles, { format, io }, [
        { header: "DEFAULT", cell: (row) => (row.isDefault ? "*" : "") },
        { header: "NAME", cell: (row) => row.name },
        { header: "URL", cell: (row) => row.baseUrl ?? "" },
        { header: "KEY ID", cell: (row) => row.apiKeyId ?? "" },
        { header: "LEVEL", cell: (row) => row.securityLevel ?? "" },
        { header: "XSOAR", cell: (row) => (row.xsoarVersion === undefined ? "" : String(row.xsoarVersion)) },
        { header: "KEY", cell: (row) => (row.hasKey ? "stored" : "-") },
      ]);
      if (profiles.length === 0 && format === "table") io.stderr.write(`no profiles in ${core.profileFilePath(fileOptions()) ?? "the profile file"}; add one with: cxctl profile add\n`);
    });

  profile
    .command("show")
    .argument("[name]", "profile name (default: the selected one)")
    .description("show one profile without its key, and where the file is")
    .action(async (name: string | undefined, _own: unknown, self: Command) => {
      const core = await import("@cortex-sdk/core");
      const flags = globalFlags(self);
      const chosen = name ?? flags.profile ?? io.env["CORTEX_PROFILE"];
      const found = core.loadProfile(chosen, fileOptions());
      if (found === undefined) throw new UsageError("no default profile; name one or add one with: cxctl profile add");
      const { apiKey, ...rest } = found.profile;
      await writeValue({ name: found.name, ...rest, apiKey: apiKey === undefined ? undefined : "[stored]", file: core.profileFilePath(fileOptions()) }, { format: chooseFormat(flags.output, io.stdout), io });
    });

  profile
    .command("use")
    .argument("<name>", "profile name")
    .description("make a profile the default")
    .addHelpText("after", "\nExample:\n  cxctl profile use prod")
    .action(async (name: string) => {
      const core = await import("@cortex-sdk/core");
      core.setDefaultProfile(name, fileOptions());
      io.stderr.write(`${styleFor(io.stderr, io.env).green("✓")} "${name}" is now the default profile\n`);
    });

  profile
    .command("remove")
    .argument("<name>", "profile name")
    .description("remove a profile")
    .addHelpText("after", "\nExample:\n  cxctl profile remove staging")
    .action(async (name: string) => {
      const core = await import("@cortex-sdk/core");
      if (!core.removeProfile(name, fileOptions())) throw new UsageError(`no profile named "${name}".`);
      io.stderr.write(`${styleFor(io.stderr, io.env).green("✓")} removed profile "${name}"\n`);
    });
  return profile;
}
