/**
 * `cxctl keys generate|list|delete|edit|rotate`: API key management through the tenant's API
 * (`api_keys/*` on XDR, XSIAM, XSOAR 8 and Cortex Cloud; the platform IAM API for edit).
 *
 * @module
 */
import { Command, Option } from "commander";
import { globalFlags, openClient, productFlag, type AnyClient, type GlobalFlags, type ProductName } from "../connection.js";
import type { CliIo } from "../io.js";
import { cellText, chooseFormat, UsageError, writeRows, writeValue, type Sink } from "../output.js";
import { collect } from "../request.js";
import { styleFor } from "../style.js";

const DAY_MS = 86_400_000;
const KEY_PRODUCTS: readonly ProductName[] = ["xdr", "xsiam", "xsoar", "cloud"];
const EDIT_PRODUCTS: readonly ProductName[] = ["xsiam", "cloud", "xsoar"];

/** One key as `get_api_keys` lists it. */
export interface ApiKeyRecord {
  readonly id: number;
  readonly creation_time?: number;
  readonly created_by?: string;
  readonly user_name?: string;
  readonly roles?: readonly string[];
  readonly security_level?: string;
  readonly comment?: string | null;
  readonly expiration?: number | null;
}

type Flags = GlobalFlags & Record<string, unknown>;

function productOption(): Option {
  return new Option("--product <product>", "which product's API manages the keys (default xdr; xsoar means XSOAR 8)").choices(KEY_PRODUCTS);
}

async function expiryFrom(text: string | undefined, now: number): Promise<number | undefined> {
  const { expirationFromFlag } = await import("../expiry.js");
  return expirationFromFlag(text, now);
}

/** The expiry a key actually got, read back from the key list (the generate reply does not say). */
async function expiryOf(client: AnyClient, id: number): Promise<number | null | undefined> {
  try {
    const [record] = await listKeys(client, { ids: [id] });
    return record?.expiration;
  } catch {
    return undefined;
  }
}

function expiryText(expiration: number | null | undefined): string {
  return expiration === undefined ? "unknown" : expiration === null || expiration <= 0 ? "never" : new Date(expiration).toISOString();
}

/** Filters of a key listing, as the clients' `apiKeys.list()` takes them. */
export interface KeyListInput {
  readonly expiringWithin?: number;
  readonly ids?: readonly number[];
  readonly filters?: readonly { readonly field: "expiration" | "roles" | "id"; readonly operator: "gte" | "lte" | "contains" | "in"; readonly value: unknown }[];
}

/** The key calls every key-managing client has (`apiKeys.list`, `apiKeys.expiringKeys`). */
interface KeyListing {
  list(input: KeyListInput): AsyncIterable<ApiKeyRecord>;
  expiringKeys(options: { within: number; includeExpired: boolean; now: number }): Promise<{ key: ApiKeyRecord; mark: "expired" | "one_day" | "one_week" | "later"; expiresAt: Date }[]>;
}

function keyListingOf(client: AnyClient): KeyListing {
  const apiKeys = client["apiKeys"] as Partial<KeyListing> | undefined;
  if (typeof apiKeys?.list !== "function" || typeof apiKeys.expiringKeys !== "function") throw new UsageError("this product's client has no API key listing (apiKeys.list).");
  return apiKeys as KeyListing;
}

/**
 * Lists keys through the client's `apiKeys.list()` (every page).
 *
 * @param client - A product client.
 * @param input - Filters (`expiringWithin`, `ids`, raw `filters`).
 * @returns The keys.
 */
export async function listKeys(client: AnyClient, input: KeyListInput = {}): Promise<ApiKeyRecord[]> {
  const keys: ApiKeyRecord[] = [];
  for await (const key of keyListingOf(client).list(input)) keys.push(key);
  return keys;
}

/** A key that expires within a week, or expired, as the client's `apiKeys.expiringKeys()` marks it. */
export interface ExpiryWarning {
  readonly id: number;
  readonly level: "expired" | "day" | "week";
  readonly text: string;
}

/**
 * The expiry warnings (expired, within a day, within a week) of keys, from the client's
 * `apiKeys.expiringKeys()` (the marks the console notifies at).
 *
 * @param client - A product client.
 * @param ids - Only these keys (undefined: every key).
 * @param now - The time.
 * @returns Warnings by key id.
 */
export async function expiryWarnings(client: AnyClient, ids?: ReadonlySet<number>, now = Date.now()): Promise<Map<number, ExpiryWarning>> {
  const warnings = new Map<number, ExpiryWarning>();
  for (const { key, mark, expiresAt } of await keyListingOf(client).expiringKeys({ within: 7 * DAY_MS, includeExpired: true, now })) {
    if (ids !== undefined && !ids.has(key.id)) continue;
    const when = expiresAt.toISOString();
    if (mark === "expired") warnings.set(key.id, { id: key.id, level: "expired", text: `key ${key.id} expired on ${when}` });
    else if (mark === "one_day") warnings.set(key.id, { id: key.id, level: "day", text: `key ${key.id} expires within a day (${when})` });
    else if (mark === "one_week") warnings.set(key.id, { id: key.id, level: "week", text: `key ${key.id} expires within a week (${when})` });
  }
  return warnings;
}

/** The IAM key calls of a client (XSIAM, Cortex Cloud, XSOAR 8): `apiKeys.get` and `apiKeys.edit`. */
interface IamKeys {
  get(params: { api_key_id: string }): PromiseLike<unknown>;
  edit(request: { api_key_id: string; roles: readonly string[]; security_level: string; comment?: string }): PromiseLike<unknown>;
}

function iamKeysOf(client: AnyClient): IamKeys {
  const apiKeys = client["apiKeys"] as Partial<IamKeys> | undefined;
  if (typeof apiKeys?.get !== "function" || typeof apiKeys.edit !== "function") throw new UsageError("this product's client has no IAM key edit (apiKeys.get/edit); use --product xsiam, cloud or xsoar.");
  return apiKeys as IamKeys;
}

/** A role as the IAM role list shows it: its id and the names it goes by. */
interface RoleRef {
  readonly id: string;
  readonly names: readonly string[];
}

function rolesOf(reply: unknown): RoleRef[] {
  const record = reply !== null && typeof reply === "object" && !Array.isArray(reply) ? (reply as Record<string, unknown>) : undefined;
  const list = Array.isArray(reply) ? reply : record?.["data"] ?? record?.["DATA"] ?? record?.["roles"];
  if (!Array.isArray(list)) return [];
  const refs: RoleRef[] = [];
  for (const item of list as unknown[]) {
    if (item === null || typeof item !== "object") continue;
    const role = item as Record<string, unknown>;
    const id = role["role_id"] ?? role["id"];
    if (typeof id !== "string" && typeof id !== "number") continue;
    const names = ["pretty_name", "name", "role_name"].map((field) => role[field]).filter((name): name is string => typeof name === "string");
    refs.push({ id: String(id), names });
  }
  return refs;
}

/** The IAM id a role name is derived to when the role list does not name it: lowercase, non-alphanumerics → `_`. */
export function derivedRoleId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

/**
 * The role ids of a key's roles (the IAM edit takes ids, the key listing shows names): looked up in the
 * IAM role list (`platform.iam.role.get`); a name it does not list is sent as its derived id, with a note.
 *
 * @param client - A client with the platform IAM API.
 * @param roles - Role names (or ids) as the key shows them.
 * @param io - For the note on stderr.
 * @returns Role ids.
 */
export async function roleIdsFor(client: AnyClient, roles: readonly string[], io: CliIo): Promise<string[]> {
  let refs: RoleRef[] = [];
  try {
    refs = rolesOf(await client.request("platform.iam.role.get", undefined));
  } catch {
    refs = [];
  }
  const derived: string[] = [];
  const ids = roles.map((role) => {
    const found = refs.find((ref) => ref.id === role || ref.names.some((name) => name.toLowerCase() === role.toLowerCase()));
    if (found !== undefined) return found.id;
    derived.push(role);
    return derivedRoleId(role);
  });
  if (derived.length > 0) io.stderr.write(`note: the IAM role list does not name ${derived.map((name) => `"${name}"`).join(", ")}; sending ${derived.map((name) => derivedRoleId(name)).join(", ")} (pass --role <role-id> to choose)\n`);
  return ids;
}

async function withClient<T>(product: ProductName, flags: Flags, io: CliIo, use: (client: AnyClient) => Promise<T>): Promise<T> {
  const client = await openClient(product, flags, io);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/**
 * Builds `cxctl keys`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function keysCommand(io: CliIo): Command {
  const keys = new Command("keys").description("API keys: generate, list (with expiry warnings), delete, edit, rotate");
  const style = styleFor(io.stderr, io.env);

  keys
    .command("generate")
    .description("generate an API key; the secret is shown once")
    .requiredOption("--role <name>", "role of the new key (repeat for several)", collect)
    .addOption(new Option("--level <level>", "security level").choices(["standard", "advanced"]).default("advanced"))
    .option("--expires <when>", "lifetime (90min, 12h, 30d, 2w, 3mo, P3M) or a date and time with a zone (2027-03-01T09:00Z); default one week, at most six months")
    .option("--comment <text>", "comment shown in the console")
    .option("--save-profile <name>", "store the new key in this profile (same URL), instead of printing it")
    .addOption(productOption())
    .addHelpText("after", '\nExample:\n  cxctl keys generate --role "Investigator" --level advanced --expires 30d --comment "SOAR sync"\n  cxctl keys generate --role Viewer --expires 2027-03-01T09:00+01:00 --save-profile readonly\n\nUnits: min (minutes), h, d, w, mo (calendar months); "m" alone is refused as ambiguous.')
    .action(async (_own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const format = chooseFormat(flags.output, io.stdout);
      const product = productFlag(flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      const expiration = await expiryFrom(flags["expires"] as string | undefined, Date.now());
      const level = flags["level"] as "standard" | "advanced";
      await withClient(product, flags, io, async (client) => {
        const reply = (await client.request("api_keys.generate", {
          roles: flags["role"] as string[],
          security_level: level,
          ...(expiration === undefined ? {} : { expiration }),
          ...(typeof flags["comment"] === "string" ? { comment: flags["comment"] } : {}),
        })) as { id: number; key: string };
        const expires = expiryText(expiration ?? (await expiryOf(client, reply.id)));
        const saveAs = flags["saveProfile"] as string | undefined;
        if (saveAs !== undefined) {
          const core = await import("@cortex-sdk/core");
          const path = core.saveProfile(saveAs, { baseUrl: client.config.baseUrl, apiKeyId: reply.id, apiKey: reply.key, securityLevel: level, ...(client.config.xsoarVersion === undefined ? {} : { xsoarVersion: client.config.xsoarVersion }) }, { env: io.env });
          io.stderr.write(`${style.green("✓")} key ${reply.id} (${level}, expires ${expires}) saved in profile "${saveAs}" (${path}); the secret is not printed.\n`);
          await writeValue({ id: reply.id, security_level: level, profile: saveAs, expires }, { format: format === "table" ? "table" : format, io });
          return;
        }
        if (format === "table") {
          io.stdout.write(`id      ${reply.id}\nlevel   ${level}\nexpires ${expires}\nkey     ${reply.key}\n`);
        } else {
          await writeValue({ id: reply.id, key: reply.key, security_level: level, expires }, { format, io });
        }
        io.stderr.write(`${style.yellow("!")} This is the only time the key is shown. Store it now (a secret manager, or: cxctl keys generate ... --save-profile <name>).\n`);
      });
    });

  keys
    .command("list")
    .description("list API keys; warns on stderr about keys that expire within a week or a day")
    .option("--expiring-within <duration>", "only keys that expire within this time, e.g. 30d")
    .option("--role <name>", "only keys with this role (repeatable)", collect)
    .option("--id <id>", "only this key id (repeatable)", collect)
    .addOption(productOption())
    .addHelpText("after", "\nExample:\n  cxctl keys list --expiring-within 30d --output table")
    .action(async (_own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const format = chooseFormat(flags.output, io.stdout);
      const product = productFlag(flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      const now = Date.now();
      const expiringWithin = typeof flags["expiringWithin"] === "string" ? (await import("../expiry.js")).parseLifetime(flags["expiringWithin"], now, "--expiring-within") : undefined;
      const roles = flags["role"] as string[] | undefined;
      const ids = flags["id"] as string[] | undefined;
      const numbers = ids?.map((id) => Number(id));
      if (ids !== undefined && numbers?.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new UsageError(`--id must be a key id (a whole number); got ${ids.join(", ")}.`);
      const input: KeyListInput = {
        ...(expiringWithin === undefined ? {} : { expiringWithin }),
        ...(numbers === undefined ? {} : { ids: numbers }),
        ...(roles === undefined ? {} : { filters: [{ field: "roles", operator: "contains", value: roles }] }),
      };
      await withClient(product, flags, io, async (client) => {
        const found = await listKeys(client, input);
        await writeRows(found, { format, io }, [
          { header: "ID", cell: (key) => String(key.id) },
          { header: "LEVEL", cell: (key) => key.security_level ?? "" },
          { header: "ROLES", cell: (key) => (key.roles ?? []).join(", ") },
          { header: "EXPIRES", cell: (key) => (key.expiration === undefined || key.expiration === null || key.expiration <= 0 ? "never" : new Date(key.expiration).toISOString()) },
          { header: "CREATED BY", cell: (key) => key.created_by ?? key.user_name ?? "" },
          { header: "COMMENT", cell: (key) => cellText(key.comment) },
        ]);
        if (found.length === 0) return;
        const warnings = await expiryWarnings(client, new Set(found.map((key) => key.id)), now);
        for (const key of found) {
          const warning = warnings.get(key.id);
          if (warning === undefined) continue;
          const colour = warning.level === "week" ? style.yellow : style.red;
          io.stderr.write(`${colour("warning:")} ${warning.text}; rotate it with: cxctl keys rotate${warning.level === "expired" ? " (or delete it)" : ""}\n`);
        }
      });
    });

  keys
    .command("delete")
    .argument("<id...>", "key ids")
    .description("delete API keys by id")
    .addOption(productOption())
    .addHelpText("after", "\nExample:\n  cxctl keys delete 121 134")
    .action(async (ids: string[], _own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const numbers = ids.map((id) => Number(id));
      if (numbers.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new UsageError(`key ids are whole numbers; got ${ids.join(", ")}.`);
      const product = productFlag(flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      await withClient(product, flags, io, async (client) => {
        const reply = (await client.request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: numbers }] })) as { update_count?: number } | undefined;
        const count = reply?.update_count ?? 0;
        await writeValue({ deleted: count, ids: numbers }, { format: chooseFormat(flags.output, io.stdout), io });
        if (count < numbers.length) io.stderr.write(`${style.yellow("warning:")} ${numbers.length - count} of the keys did not exist (or were deleted already)\n`);
      });
    });

  keys
    .command("edit")
    .argument("<id>", "key id")
    .description("change a key's roles or comment (platform IAM: XSIAM, Cortex Cloud, XSOAR 8)")
    .option("--role <role-id>", "role id (repeatable; replaces the roles)", collect)
    .option("--comment <text>", "new comment")
    .addOption(new Option("--product <product>", "which product's IAM API (default xsiam)").choices(EDIT_PRODUCTS))
    .addHelpText("after", '\nWithout --role the key keeps its roles: their names are turned into role ids through the IAM role list.\n\nExample:\n  cxctl keys edit 42 --comment "rotated quarterly" --product xsiam\n  cxctl keys edit 42 --role instance_administrator --product cloud')
    .action(async (id: string, _own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const product = productFlag(flags["product"] as string | undefined, EDIT_PRODUCTS, "xsiam");
      if (flags["role"] === undefined && flags["comment"] === undefined) throw new UsageError("nothing to change: pass --role or --comment.");
      if (!/^\d+$/.test(id)) throw new UsageError(`the key id is a whole number; got "${id}".`);
      await withClient(product, flags, io, async (client) => {
        const apiKeys = iamKeysOf(client);
        const got = (await apiKeys.get({ api_key_id: id })) as Record<string, unknown> | undefined;
        const current = ((got?.["data"] ?? got ?? {}) as ApiKeyRecord);
        const roles = (flags["role"] as string[] | undefined) ?? (await roleIdsFor(client, current.roles ?? [], io));
        const comment = typeof flags["comment"] === "string" ? flags["comment"] : typeof current.comment === "string" ? current.comment : undefined;
        const reply = await apiKeys.edit({ api_key_id: id, roles, security_level: current.security_level ?? "standard", ...(comment === undefined ? {} : { comment }) });
        await writeValue(reply, { format: chooseFormat(flags.output, io.stdout), io });
      });
    });

  keys
    .command("rotate")
    .description("replace the current key: generate one with the same roles, level and comment, verify it, switch the profile to it")
    .option("--expires <duration>", "lifetime of the new key (default: the service's one week)")
    .option("--delete-old", "delete the old key once the new one works")
    .addOption(productOption())
    .addHelpText("after", "\nThe current key is the one the command connects with (--profile, CORTEX_PROFILE or the default profile).\nWithout a profile the new key is printed once; update your environment with it.\n\nExample:\n  cxctl keys rotate --profile prod --expires 90d --delete-old")
    .action(async (_own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const format = chooseFormat(flags.output, io.stdout);
      const product = productFlag(flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      const expiration = await expiryFrom(flags["expires"] as string | undefined, Date.now());
      await withClient(product, flags, io, async (client) => {
        await rotate(client, product, flags, io, { format, io }, expiration);
      });
    });
  return keys;
}

async function rotate(client: AnyClient, product: ProductName, flags: Flags, io: CliIo, sink: Sink, expiration: number | undefined): Promise<void> {
  const style = styleFor(io.stderr, io.env);
  const step = (text: string): void => {
    io.stderr.write(`${style.green("✓")} ${text}\n`);
  };
  const oldId = Number(client.config.credentials.keyId);
  const level = client.config.credentials.securityLevel;
  const [current] = await listKeys(client, { ids: [oldId] });
  if (current === undefined) throw new UsageError(`key ${oldId} is not in the tenant's key list; cannot copy its roles.`);
  step(`read key ${oldId}: ${(current.roles ?? []).join(", ")}, ${current.security_level ?? level}`);
  const generated = (await client.request("api_keys.generate", {
    roles: current.roles ?? [],
    security_level: current.security_level ?? level,
    ...(expiration === undefined ? {} : { expiration }),
    comment: current.comment ?? `rotated from key ${oldId}`,
  })) as { id: number; key: string };
  step(`generated key ${generated.id}`);
  const fresh = client.withOptions({ apiKeyId: generated.id, apiKey: generated.key, securityLevel: (current.security_level ?? level) as "standard" | "advanced" }) as AnyClient;
  try {
    await fresh.request("healthcheck", undefined);
    step(`verified key ${generated.id} with a signed call`);
    const core = await import("@cortex-sdk/core");
    const profileName = client.config.profile;
    let saved = false;
    if (profileName !== undefined) {
      const loaded = core.loadProfile(profileName, { env: io.env });
      core.saveProfile(profileName, { ...(loaded?.profile ?? {}), apiKeyId: generated.id, apiKey: generated.key, securityLevel: (current.security_level ?? level) as "standard" | "advanced" }, { env: io.env });
      saved = true;
      step(`profile "${profileName}" now uses key ${generated.id}`);
    }
    let deleted = false;
    if (flags["deleteOld"] === true) {
      const reply = (await fresh.request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: [oldId] }] })) as { update_count?: number } | undefined;
      deleted = (reply?.update_count ?? 0) > 0;
      step(`deleted the old key ${oldId}`);
    } else {
      io.stderr.write(`  the old key ${oldId} still works; delete it with: cxctl keys delete ${oldId}${profileName === undefined ? "" : ` --profile ${profileName}`}\n`);
    }
    await writeValue({ old_id: oldId, new_id: generated.id, product, profile: profileName ?? null, deleted_old: deleted, ...(saved ? {} : { key: generated.key }) }, sink);
    if (!saved) io.stderr.write(`${style.yellow("!")} No profile is in use: the new key is printed once above. Update CORTEX_API_KEY_ID and CORTEX_API_KEY.\n`);
  } finally {
    await fresh.close();
  }
}
