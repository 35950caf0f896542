/**
 * `cxctl keys generate|list|delete|edit|rotate`: API key management through the tenant's API
 * (`api_keys/*` on XDR, XSIAM, XSOAR 8 and Cortex Cloud; the platform IAM API for edit).
 *
 * @module
 */
import { Command, Option } from "commander";
import { globalFlags, openClient, PRODUCT_TITLES, PRODUCTS, type AnyClient, type GlobalFlags, type Product } from "../connection.js";
import type { CliIo } from "../io.js";
import { cellText, chooseFormat, UsageError, writeRows, writeValue, type Sink } from "../output.js";
import { collect } from "../request.js";
import { styleFor } from "../style.js";
import { typedCalls } from "../typed-calls.js";

const DAY_MS = 86_400_000;
/** Products whose API manages keys (`api_keys/*`; XSOAR means XSOAR 8). */
const KEY_PRODUCTS: readonly Product[] = PRODUCTS;
/** Products with scope-based access control for keys (`/platform/iam/v1/scope/api-key/{id}`). */
const SCOPE_PRODUCTS: readonly Product[] = ["xsiam", "cloud"];
/** Products whose platform IAM API edits a key (`/platform/iam/v1/api-key/{id}`; XSOAR means XSOAR 8). */
const EDIT_PRODUCTS: readonly Product[] = ["xsiam", "cloud", "xsoar"];

/**
 * Refuses, before any request, a product that lacks a key operation, naming the products that have it.
 *
 * @param what - The command, e.g. "keys edit".
 * @param product - The product asked for.
 * @param have - The products that have the operation.
 * @param hint - What to do instead.
 */
function requireProduct(what: string, product: string | undefined, have: readonly Product[], fallback: Product, hint = ""): Product {
  const chosen = (product ?? fallback) as Product;
  if (!(PRODUCTS as readonly string[]).includes(chosen)) throw new UsageError(`--product must be one of ${PRODUCTS.join(", ")}; got "${product}".`);
  if (!have.includes(chosen)) {
    throw new UsageError(`${what} is not available on ${PRODUCT_TITLES[chosen].replace(/ \(.*$/, "")}: the products that have it are ${have.map((name) => (name === "xsoar" ? "xsoar (XSOAR 8)" : name)).join(", ")}.${hint === "" ? "" : ` ${hint}`} Nothing was sent.`);
  }
  return chosen;
}

function requireXsoar8(what: string, client: AnyClient): void {
  if (client.config.product === "xsoar" && client.config.xsoarVersion === 6) {
    throw new UsageError(`${what} is not available on XSOAR 6 (its keys are managed in the server's settings): the products that have it are ${KEY_PRODUCTS.join(", ")} (XSOAR 8 only). Nothing was sent.`);
  }
}

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
  return new Option("--product <product>", `which product's API manages the keys: ${KEY_PRODUCTS.join(", ")} (default xdr; xsoar means XSOAR 8)`);
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

/** Filters of a key listing (the SDK's `ListApiKeysInput`). */
export type KeyListInput = import("@cortex-sdk/workflows").ListApiKeysInput;

/**
 * Lists keys (every page), with the SDK's filter builder.
 *
 * @param client - A product client.
 * @param input - Filters.
 * @returns The keys.
 */
export async function listKeys(client: AnyClient, input: KeyListInput = {}): Promise<ApiKeyRecord[]> {
  const { listApiKeysRequest } = await import("@cortex-sdk/workflows");
  const keys: ApiKeyRecord[] = [];
  for await (const key of typedCalls(client).paginate<"api_keys.get_api_keys", ApiKeyRecord>("api_keys.get_api_keys", listApiKeysRequest(input))) keys.push(key);
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
  const { expiringApiKeys } = await import("@cortex-sdk/workflows");
  for (const { key, mark, expiresAt } of await expiringApiKeys(client, { within: 7 * DAY_MS, includeExpired: true, now })) {
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
    refs = rolesOf(await typedCalls(client).request("platform.iam.role.get", undefined));
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

async function withClient<T>(product: Product, flags: Flags, io: CliIo, use: (client: AnyClient) => Promise<T>): Promise<T> {
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
  const keys = new Command("keys").description("API keys: generate, list (with expiry warnings), delete, edit, rotate, scope");
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
      const product = requireProduct("keys generate", flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      const expiration = await expiryFrom(flags["expires"] as string | undefined, Date.now());
      const level = flags["level"] as "standard" | "advanced";
      await withClient(product, flags, io, async (client) => {
        requireXsoar8("keys generate", client);
        const reply = await typedCalls(client).request("api_keys.generate", {
          roles: flags["role"] as string[],
          security_level: level,
          ...(expiration === undefined ? {} : { expiration }),
          ...(typeof flags["comment"] === "string" ? { comment: flags["comment"] } : {}),
        });
        const expires = expiryText(expiration ?? (await expiryOf(client, reply.id)));
        const saveAs = flags["saveProfile"] as string | undefined;
        if (saveAs !== undefined) {
          const core = await import("@cortex-sdk/core");
          const seen = expiration ?? (await expiryOf(client, reply.id));
          if (seen !== undefined) (await import("../notices.js")).rememberExpiry(io.env, client.config.baseUrl, reply.id, seen, Date.now());
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
    .description("list API keys; notices on stderr for keys that expire within a week or a day, or expired")
    .option("--expiring-within <duration>", "only keys that expire within this time, e.g. 30d")
    .option("--expires-after <when>", "only keys expiring at or after this date-time (ISO 8601 with a zone) or this far ahead (30d)")
    .option("--expires-before <when>", "only keys expiring at or before this date-time or this far ahead")
    .option("--created-after <when>", "only keys created at or after this date-time (ISO 8601 with a zone)")
    .option("--created-before <when>", "only keys created at or before this date-time")
    .option("--role <name>", "only keys with this role (repeatable)", collect)
    .option("--id <id>", "only this key id (repeatable)", collect)
    .addOption(new Option("--level <level>", "only keys of this security level").choices(["standard", "advanced"]))
    .option("--comment <text>", "only keys whose comment contains this text")
    .option("--created-by <name>", "only keys created by this user or key (repeatable)", collect)
    .addOption(productOption())
    .addHelpText("after", '\nExample:\n  cxctl keys list --expiring-within 30d --output table\n  cxctl keys list --created-after 2026-11-01T00:00Z --level advanced --comment sync')
    .action(async (_own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const format = chooseFormat(flags.output, io.stdout);
      const product = requireProduct("keys list", flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      const now = Date.now();
      const input = await listInputFrom(flags, now);
      await withClient(product, flags, io, async (client) => {
        requireXsoar8("keys list", client);
        const found = await listKeys(client, input);
        await writeRows(found, { format, io }, [
          { header: "ID", cell: (key) => String(key.id) },
          { header: "LEVEL", cell: (key) => key.security_level ?? "" },
          { header: "ROLES", cell: (key) => (key.roles ?? []).join(", ") },
          { header: "CREATED", cell: (key) => (typeof key.creation_time === "number" ? new Date(key.creation_time).toISOString() : "") },
          { header: "EXPIRES", cell: (key) => expiryText(key.expiration ?? null) },
          { header: "CREATED BY", cell: (key) => key.created_by ?? key.user_name ?? "" },
          { header: "COMMENT", cell: (key) => cellText(key.comment) },
        ]);
        const core = await import("@cortex-sdk/core");
        const profile = client.config.profile;
        for (const key of found) {
          const notice = core.apiKeyExpiryNotice(key.expiration, now);
          if (notice === undefined) continue;
          const text = (await import("../notices.js")).noticeText({ keyId: String(key.id), baseUrl: client.config.baseUrl, notice, expiresAt: new Date(key.expiration as number), expiresInMs: (key.expiration as number) - now }, profile);
          io.stderr.write(`${notice === "one_week" ? style.yellow("notice:") : style.red("notice:")} ${text}${notice === "expired" ? ` (or delete it: cxctl keys delete ${key.id})` : ""}\n`);
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
      const product = requireProduct("keys delete", flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      await withClient(product, flags, io, async (client) => {
        requireXsoar8("keys delete", client);
        const reply = await typedCalls(client).request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: numbers }] });
        const count = reply?.update_count ?? 0;
        await writeValue({ deleted: count, ids: numbers }, { format: chooseFormat(flags.output, io.stdout), io });
        if (count < numbers.length) io.stderr.write(`${style.yellow("warning:")} ${numbers.length - count} of the keys did not exist (or were deleted already)\n`);
      });
    });

  keys
    .command("edit")
    .argument("<id>", "key id")
    .description("change a key's roles or comment (platform IAM API: XSIAM, Cortex Cloud, XSOAR 8)")
    .option("--role <role-id>", "role id (repeatable; replaces the roles)", collect)
    .option("--comment <text>", "new comment")
    .addOption(new Option("--product <product>", `which product's IAM API: ${EDIT_PRODUCTS.join(", ")} (default xsiam)`))
    .addHelpText(
      "after",
      '\nWithout --role the key keeps its roles: their names are turned into role ids through the IAM role list.\nCortex XDR and Xpanse have no key edit: rotate the key instead (cxctl keys rotate <id>).\n\nExample:\n  cxctl keys edit 42 --comment "rotated quarterly" --product xsiam\n  cxctl keys edit 42 --role instance_administrator --product cloud',
    )
    .action(async (id: string, _own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const product = requireProduct("keys edit", flags["product"] as string | undefined, EDIT_PRODUCTS, "xsiam", `To change a key's roles there, generate a replacement with the new roles and delete the old key (cxctl keys rotate ${/^\d+$/.test(id) ? id : "<id>"} copies roles, level and comment).`);
      if (flags["role"] === undefined && flags["comment"] === undefined) throw new UsageError("nothing to change: pass --role or --comment.");
      if (!/^\d+$/.test(id)) throw new UsageError(`the key id is a whole number; got "${id}".`);
      await withClient(product, flags, io, async (client) => {
        requireXsoar8("keys edit", client);
        const apiKeys = iamKeysOf(client);
        let got: Record<string, unknown> | undefined;
        try {
          got = (await apiKeys.get({ api_key_id: id })) as Record<string, unknown> | undefined;
        } catch (error) {
          throw noIamHint(error, client);
        }
        const current = (got?.["data"] ?? got ?? {}) as ApiKeyRecord;
        const roles = (flags["role"] as string[] | undefined) ?? (await roleIdsFor(client, current.roles ?? [], io));
        const comment = typeof flags["comment"] === "string" ? flags["comment"] : typeof current.comment === "string" ? current.comment : undefined;
        const reply = await apiKeys.edit({ api_key_id: id, roles, security_level: current.security_level ?? "standard", ...(comment === undefined ? {} : { comment }) });
        await writeValue(reply, { format: chooseFormat(flags.output, io.stdout), io });
      });
    });

  keys
    .command("rotate")
    .argument("<id>", "the key to replace (the one a notice names)")
    .description("replace a key: a new key with its roles, level and comment, and an expiry of the same length; the old key is deleted only with --delete-old, after the new key made a call")
    .option("--expires <when>", "expiry of the new key (default: as long as the old key's lifetime; required when the old key never expires)")
    .option("--save-profile <name>", "store the new key in this profile (default: the profile in use, when it holds the old key)")
    .option("--delete-old", "delete the old key once the new key has made a successful call")
    .addOption(productOption())
    .addHelpText(
      "after",
      "\nThe key is read and the new one generated with the key you connect with (--profile, CORTEX_PROFILE or the\ndefault profile); it needs the permission to manage keys. Rotating the key you connect with works too.\nThe new secret is shown once, unless it goes into a profile.\n\nExample:\n  cxctl keys rotate 42 --profile prod --delete-old\n  cxctl keys rotate 42 --expires 3mo --save-profile ci",
    )
    .action(async (id: string, _own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const format = chooseFormat(flags.output, io.stdout);
      if (!/^\d+$/.test(id) || Number(id) <= 0) throw new UsageError(`the key id is a whole number; got "${id}".`);
      const product = requireProduct("keys rotate", flags["product"] as string | undefined, KEY_PRODUCTS, "xdr");
      const now = Date.now();
      const expiration = await expiryFrom(flags["expires"] as string | undefined, now);
      await withClient(product, flags, io, async (client) => {
        requireXsoar8("keys rotate", client);
        await rotate(client, Number(id), product, flags, io, { format, io }, expiration, now);
      });
    });
  keys.addCommand(scopeCommand(io));
  return keys;
}

/** The scope methods of an XSIAM or Cortex Cloud client (`ApiKeyScopes`). */
interface ScopeCalls {
  getScope(keyId: string): PromiseLike<unknown>;
  setScope(keyId: string, scope: ApiKeyScopeInput): PromiseLike<unknown>;
  scopeEnforcement(): Promise<boolean>;
  setScopeEnforcement(enforced: boolean): Promise<boolean>;
}

type ApiKeyScopeInput = import("@cortex-sdk/workflows").ApiKeyScope;

function scopeCallsOf(client: AnyClient): ScopeCalls {
  const apiKeys = client["apiKeys"] as Partial<ScopeCalls> | undefined;
  if (typeof apiKeys?.getScope !== "function" || typeof apiKeys.setScopeEnforcement !== "function") throw new UsageError(`this product's client has no key scopes; use --product ${SCOPE_PRODUCTS.join(" or ")}.`);
  return apiKeys as ScopeCalls;
}

/** `mode` or `mode:name,name` (e.g. `scope:Health,IT`, `see_all`), as a tag scope. */
function tagScopeFlag(text: string, flag: string): { mode: string; names?: string[] } {
  const colon = text.indexOf(":");
  const mode = (colon === -1 ? text : text.slice(0, colon)).trim();
  if (mode === "") throw new UsageError(`${flag} takes a mode, optionally with names: no_scope, see_all, any, or scope:<name>,<name>; got "${text}".`);
  if (colon === -1) return { mode };
  const names = text.slice(colon + 1).split(",").map((name) => name.trim()).filter((name) => name !== "");
  return { mode, names };
}

function assetScopeFlag(text: string): { mode: string; asset_group_ids?: number[] } {
  const { mode, names } = tagScopeFlag(text, "--assets");
  if (names === undefined) return { mode };
  const ids = names.map(Number);
  if (ids.some((id) => !Number.isSafeInteger(id))) throw new UsageError(`--assets takes asset group ids (whole numbers): scope:1,2; got "${text}".`);
  return { mode, asset_group_ids: ids };
}

function scopeFromFlags(flags: Flags): ApiKeyScopeInput {
  let scope: Record<string, unknown> = {};
  if (typeof flags["data"] === "string") {
    try {
      const parsed = JSON.parse(flags["data"]) as unknown;
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      scope = parsed as Record<string, unknown>;
    } catch {
      throw new UsageError('--data must be a JSON object, e.g. {"cases_issues": {"mode": "scope", "names": ["Health"]}}.');
    }
  }
  const endpoints: Record<string, unknown> = { ...((scope["endpoints"] as Record<string, unknown> | undefined) ?? {}) };
  if (typeof flags["endpointGroups"] === "string") endpoints["endpoint_groups"] = tagScopeFlag(flags["endpointGroups"], "--endpoint-groups");
  if (typeof flags["endpointTags"] === "string") endpoints["endpoint_tags"] = tagScopeFlag(flags["endpointTags"], "--endpoint-tags");
  if (Object.keys(endpoints).length > 0) scope["endpoints"] = endpoints;
  if (typeof flags["casesIssues"] === "string") scope["cases_issues"] = tagScopeFlag(flags["casesIssues"], "--cases-issues");
  if (typeof flags["assets"] === "string") scope["assets"] = assetScopeFlag(flags["assets"]);
  if (typeof flags["datasetsRows"] === "string") scope["datasets_rows"] = { ...((scope["datasets_rows"] as Record<string, unknown> | undefined) ?? {}), default_filter_mode: flags["datasetsRows"] };
  if (Object.keys(scope).length === 0) throw new UsageError("nothing to set: pass --cases-issues, --assets, --endpoint-groups, --endpoint-tags, --datasets-rows or --data.");
  return scope as ApiKeyScopeInput;
}

const EMULATOR_ONLY = "The switch is a console setting on Cortex tenants (no public API): only the local emulator (cxctl emulator start) serves it here.";

function scopeCommand(io: CliIo): Command {
  const scope = new Command("scope").description("a key's scope (what it may see; XSIAM, Cortex Cloud) and the tenant's scope-enforcement switch (emulator only)");
  const scopeProduct = (): Option => new Option("--product <product>", `which product's IAM API: ${SCOPE_PRODUCTS.join(", ")} (default xsiam)`);
  const idOf = (id: string): string => {
    if (!/^\d+$/.test(id) || Number(id) <= 0) throw new UsageError(`the key id is a whole number; got "${id}".`);
    return id;
  };
  scope
    .command("get")
    .argument("<id>", "key id")
    .description("show a key's scope, per domain")
    .addOption(scopeProduct())
    .addHelpText("after", "\nExample:\n  cxctl keys scope get 42 --product cloud")
    .action(async (id: string, _own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const product = requireProduct("keys scope get", flags["product"] as string | undefined, SCOPE_PRODUCTS, "xsiam");
      await withClient(product, flags, io, async (client) => {
        const reply = (await scopeCallsOf(client).getScope(idOf(id))) as Record<string, unknown> | undefined;
        await writeValue(reply?.["data"] ?? reply, { format: chooseFormat(flags.output, io.stdout), io });
      });
    });
  scope
    .command("set")
    .argument("<id>", "key id")
    .description("set a key's scope; domains not given keep theirs. Stored at once, enforced only while the tenant's switch is on")
    .option("--cases-issues <mode[:names]>", "case and issue domains: no_scope, see_all or scope:<domain>,<domain>")
    .option("--assets <mode[:ids]>", "asset groups: no_scope, see_all or scope:<id>,<id>")
    .option("--endpoint-groups <mode[:names]>", "endpoint groups: no_scope, see_all, any or scope:<name>,<name>")
    .option("--endpoint-tags <mode[:names]>", "endpoint tags: no_scope, see_all, any or scope:<name>,<name>")
    .addOption(new Option("--datasets-rows <mode>", "default for dataset rows (tenants with dataset scoping)").choices(["no_scope", "see_all"]))
    .option("--data <json>", "the whole scope as JSON (the flags above are merged into it)")
    .addOption(scopeProduct())
    .addHelpText(
      "after",
      "\nUnknown domains, fields or modes are refused before anything is sent; which domain or group names exist is the\ntenant's to check.\n\nExample:\n  cxctl keys scope set 42 --cases-issues scope:Health,IT --assets scope:1,2 --product cloud\n  cxctl keys scope set 42 --endpoint-groups any --endpoint-tags no_scope",
    )
    .action(async (id: string, _own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      const product = requireProduct("keys scope set", flags["product"] as string | undefined, SCOPE_PRODUCTS, "xsiam");
      const key = idOf(id);
      const wanted = scopeFromFlags(flags);
      // The SDK's check, before connecting: a typed error naming the allowed names, nothing sent.
      const { checkApiKeyScope } = await import("@cortex-sdk/workflows");
      try {
        checkApiKeyScope(wanted);
      } catch (error) {
        throw new UsageError(`${(error as Error).message.replace(/^setScope: /, "")} Nothing was sent.`);
      }
      await withClient(product, flags, io, async (client) => {
        const calls = scopeCallsOf(client);
        await calls.setScope(key, wanted);
        const reply = (await calls.getScope(key)) as Record<string, unknown> | undefined;
        await writeValue(reply?.["data"] ?? reply, { format: chooseFormat(flags.output, io.stdout), io });
        let enforced: boolean | undefined;
        try {
          enforced = await calls.scopeEnforcement();
        } catch {
          enforced = undefined;
        }
        if (enforced !== true) {
          io.stderr.write(`note: key ${key}'s scope is stored; it restricts the key only while the tenant enforces scope-based access${enforced === false ? " (off here: cxctl keys scope enforcement on)" : " (a console setting)"}.\n`);
        }
      });
    });
  scope
    .command("enforcement")
    .argument("[state]", "on or off; without it, show the switch")
    .description("show or set whether the tenant enforces keys' scopes (emulator only: no public API on Cortex tenants)")
    .addOption(scopeProduct())
    .addHelpText("after", `\n${EMULATOR_ONLY} Scopes are stored either way.\n\nExample:\n  cxctl keys scope enforcement\n  cxctl keys scope enforcement on --product cloud`)
    .action(async (state: string | undefined, _own: unknown, self: Command) => {
      const flags = globalFlags(self) as Flags;
      if (state !== undefined && state !== "on" && state !== "off") throw new UsageError(`keys scope enforcement takes on or off; got "${state}".`);
      const product = requireProduct("keys scope enforcement", flags["product"] as string | undefined, SCOPE_PRODUCTS, "xsiam");
      await withClient(product, flags, io, async (client) => {
        const calls = scopeCallsOf(client);
        const enforced = state === undefined ? await calls.scopeEnforcement() : await calls.setScopeEnforcement(state === "on");
        const format = chooseFormat(flags.output, io.stdout);
        if (format === "table") io.stdout.write(`scope enforcement: ${enforced ? "on (keys see only their scope)" : "off (scopes are stored, not enforced)"}\n`);
        else await writeValue({ enforced }, { format, io });
      });
    });
  return scope;
}

function timeFlag(flags: Flags, name: string, flag: string, now: number): Promise<number | undefined> {
  const text = flags[name];
  if (typeof text !== "string") return Promise.resolve(undefined);
  return import("../expiry.js").then(({ parseExpiryPoint }) => parseExpiryPoint(text, now, flag));
}

async function listInputFrom(flags: Flags, now: number): Promise<KeyListInput> {
  const expiringWithin = typeof flags["expiringWithin"] === "string" ? (await import("../expiry.js")).parseLifetime(flags["expiringWithin"], now, "--expiring-within") : undefined;
  const roles = flags["role"] as string[] | undefined;
  const ids = flags["id"] as string[] | undefined;
  const numbers = ids?.map((id) => Number(id));
  if (ids !== undefined && numbers?.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new UsageError(`--id must be a key id (a whole number); got ${ids.join(", ")}.`);
  const [expiresAfter, expiresBefore, createdAfter, createdBefore] = await Promise.all([
    timeFlag(flags, "expiresAfter", "--expires-after", now),
    timeFlag(flags, "expiresBefore", "--expires-before", now),
    timeFlag(flags, "createdAfter", "--created-after", now),
    timeFlag(flags, "createdBefore", "--created-before", now),
  ]);
  return {
    ...(expiringWithin === undefined ? {} : { expiringWithin }),
    ...(numbers === undefined ? {} : { ids: numbers }),
    ...(roles === undefined ? {} : { filters: [{ field: "roles", operator: "contains", value: roles }] }),
    ...(expiresAfter === undefined ? {} : { expiresAfter }),
    ...(expiresBefore === undefined ? {} : { expiresBefore }),
    ...(createdAfter === undefined ? {} : { createdAfter }),
    ...(createdBefore === undefined ? {} : { createdBefore }),
    ...(typeof flags["level"] === "string" ? { securityLevel: flags["level"] as "standard" | "advanced" } : {}),
    ...(typeof flags["comment"] === "string" ? { commentContains: flags["comment"] } : {}),
    ...(Array.isArray(flags["createdBy"]) ? { createdBy: flags["createdBy"] as string[] } : {}),
  };
}

/** A clear error when the tenant does not serve the IAM key API (an XDR tenant addressed as XSIAM answers 500). */
function noIamHint(error: unknown, client: AnyClient): unknown {
  const status = (error as { status?: unknown } | undefined)?.status;
  if (status !== 500 && status !== 404 && status !== 405) return error;
  return new UsageError(
    `keys edit: ${client.config.baseUrl} does not serve the platform IAM key API (it answered HTTP ${String(status)}), so it is probably not a ${EDIT_PRODUCTS.join(", ")} tenant. Cortex XDR and Xpanse have no key edit: rotate the key instead (cxctl keys rotate <id>), which copies roles, level and comment.`,
  );
}

async function rotate(client: AnyClient, oldId: number, product: Product, flags: Flags, io: CliIo, sink: Sink, chosenExpiration: number | undefined, now: number): Promise<void> {
  const style = styleFor(io.stderr, io.env);
  const core = await import("@cortex-sdk/core");
  const step = (text: string): void => {
    io.stderr.write(`${style.green("✓")} ${text}\n`);
  };
  const [current] = await listKeys(client, { ids: [oldId] });
  if (current === undefined) throw new UsageError(`key ${oldId} is not in the tenant's key list (wrong id, deleted, or another tenant's key); nothing was generated.`);
  const level = current.security_level === "standard" || current.security_level === "advanced" ? current.security_level : undefined;
  if (level === undefined) throw new UsageError(`key ${oldId} has no security level in the key list; cannot copy it.`);
  const oldExpiry = typeof current.expiration === "number" && current.expiration > 0 ? current.expiration : null;
  // The same lifetime as the old key's, unless told; a key that never expires cannot be copied silently.
  const expiration = chosenExpiration ?? core.rotatedApiKeyExpiration(current.creation_time, oldExpiry, now);
  if (expiration === undefined) {
    throw new UsageError(`key ${oldId} ${oldExpiry === null ? "never expires" : "has no creation time in the key list"}; the API gives new keys at most six months. Choose the new key's expiry with --expires (e.g. 6mo, or 2027-06-01T00:00Z). Nothing was generated.`);
  }
  step(`read key ${oldId}: ${level}, roles ${(current.roles ?? []).join(", ")}${typeof current.comment === "string" && current.comment !== "" ? `, comment "${current.comment}"` : ""}, expires ${expiryText(oldExpiry)}`);
  const generated = await typedCalls(client).request("api_keys.generate", {
    roles: [...(current.roles ?? [])],
    security_level: level,
    expiration,
    ...(typeof current.comment === "string" && current.comment !== "" ? { comment: current.comment } : {}),
  });
  step(`generated key ${generated.id} (${level}, expires ${expiryText(expiration)})`);
  const fresh = client.withOptions({ apiKeyId: generated.id, apiKey: generated.key, securityLevel: level }) as AnyClient;
  try {
    let verified = false;
    try {
      await typedCalls(fresh).request("healthcheck", undefined);
      verified = true;
      step(`key ${generated.id} made a successful call`);
    } catch (error) {
      io.stderr.write(`${style.red("✗")} the new key ${generated.id} could not make a call yet: ${(error as Error).message}\n`);
    }
    // Where the new secret goes: the profile named, else the profile in use when it holds the old key.
    const inUse = client.config.profile;
    const usesOld = inUse !== undefined && client.config.credentials.keyId === String(oldId);
    const saveAs = (flags["saveProfile"] as string | undefined) ?? (usesOld ? inUse : undefined);
    if (saveAs !== undefined) {
      const loaded = core.loadProfile(saveAs, { env: io.env });
      const base = loaded?.profile ?? { baseUrl: client.config.baseUrl, ...(client.config.xsoarVersion === undefined ? {} : { xsoarVersion: client.config.xsoarVersion }) };
      core.saveProfile(saveAs, { ...base, apiKeyId: generated.id, apiKey: generated.key, securityLevel: level }, { env: io.env });
      (await import("../notices.js")).rememberExpiry(io.env, client.config.baseUrl, generated.id, expiration, now);
      step(`profile "${saveAs}" now holds key ${generated.id}; the secret is not printed`);
    }
    let deleted = false;
    if (flags["deleteOld"] === true) {
      if (!verified) {
        io.stderr.write(`${style.yellow("!")} the old key ${oldId} was NOT deleted: the new key has not made a successful call. Delete it later with: cxctl keys delete ${oldId}\n`);
      } else {
        // With the new key when the old one was the connecting key (it is about to go), else with the connecting key.
        const deleter = client.config.credentials.keyId === String(oldId) ? fresh : client;
        const reply = await typedCalls(deleter).request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: [oldId] }] });
        deleted = (reply?.update_count ?? 0) > 0;
        step(`deleted the old key ${oldId}`);
      }
    } else {
      io.stderr.write(`  the old key ${oldId} still works until it expires; delete it with: cxctl keys delete ${oldId}${inUse === undefined ? "" : ` --profile ${saveAs ?? inUse}`}\n`);
    }
    await writeValue({ old_id: oldId, new_id: generated.id, product, security_level: level, roles: current.roles ?? [], expires: expiryText(expiration), verified, profile: saveAs ?? null, deleted_old: deleted, ...(saveAs === undefined ? { key: generated.key } : {}) }, sink);
    if (saveAs === undefined) io.stderr.write(`${style.yellow("!")} This is the only time the new key is shown. Store it now (or rotate with --save-profile <name>).\n`);
  } finally {
    await fresh.close();
  }
}
