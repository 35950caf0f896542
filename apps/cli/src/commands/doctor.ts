/**
 * `cxctl doctor`: checks the configuration, the URL (console vs API, reachability), the clock against the
 * server's `Date` header, the key (valid, level, expiry), the product and version, and what the key's roles
 * may do. Each check prints ✓, ! or ✗ with a fix; exit code 10 when a check fails.
 *
 * @module
 */
import { Command, Option } from "commander";
import { productCatalog } from "../catalog.js";
import { clientOptionsFrom, globalFlags, loadClientClass, openClient, PRODUCTS, productFlag, type AnyClient, type GlobalFlags, type Product } from "../connection.js";
import { ExitCodeError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { chooseFormat, writeValue } from "../output.js";
import { styleFor } from "../style.js";
import { typedCalls } from "../typed-calls.js";
import { expiryWarnings, listKeys } from "./keys.js";

/** The outcome of one check. */
export interface Check {
  readonly check: string;
  readonly status: "ok" | "warn" | "fail" | "skip";
  readonly detail: string;
  readonly fix?: string;
}

/**
 * What the doctor probes a rejected key with: the other saved profiles (their keys of the same tenant may
 * read the key list; their URLs are where the key may belong instead) and the expiry cxctl last saw.
 */
async function diagnoseRejectedKey(client: AnyClient, io: CliIo): Promise<Check> {
  const core = await import("@cortex-sdk/core");
  const { baseUrl, credentials } = client.config;
  const readers: AnyClient[] = [];
  const otherBaseUrls: string[] = [];
  try {
    for (const summary of core.listProfiles({ env: io.env })) {
      if (summary.baseUrl === undefined || !summary.hasKey) continue;
      if (summary.baseUrl !== baseUrl) {
        if (!otherBaseUrls.includes(summary.baseUrl)) otherBaseUrls.push(summary.baseUrl);
      } else if (summary.apiKeyId !== credentials.keyId && readers.length < 3) {
        const Client = client.constructor as new (options: Record<string, unknown>) => AnyClient;
        readers.push(new Client({ ...core.profileClientOptions({ env: io.env, logLevel: "off", rateLimit: false }, summary.name) }));
      }
    }
  } catch {
    // An unreadable profile file: probe without it.
  }
  try {
    const { knownExpiryOf } = await import("../notices.js");
    const knownExpiration = knownExpiryOf(io.env, baseUrl, credentials.keyId);
    let reader: AnyClient | undefined;
    for (const candidate of readers) {
      try {
        await typedCalls(candidate).request("api_keys.get_api_keys", { search_from: 0, search_to: 1 });
        reader = candidate;
        break;
      } catch {
        // This key may not read the key list either.
      }
    }
    const found = await core.diagnoseAuthentication(client, { otherBaseUrls, ...(reader === undefined ? {} : { keyListReader: reader }), ...(knownExpiration === undefined ? {} : { knownExpiration }) });
    if (found.ok) return { check: "key", status: "ok", detail: `key ${credentials.keyId} accepted on a second try` };
    if (found.cause !== undefined) return { check: "key", status: "fail", detail: `rejected (401): ${found.detail}`, fix: found.fix };
    const hint = reader === undefined ? "; save a profile with another key of this tenant that may view API keys and run doctor again to tell them apart" : "";
    return { check: "key", status: "fail", detail: `rejected (401): ${found.detail}`, fix: `${found.fix}${hint}` };
  } finally {
    await Promise.all(readers.map((reader) => reader.close()));
  }
}

/** Read calls that show whether the key's roles may view a resource, per operation id. */
const PROBES: readonly { readonly id: string; readonly what: string; readonly body: unknown }[] = [
  { id: "incidents.get_incidents", what: "incidents", body: { search_from: 0, search_to: 1 } },
  { id: "alerts.get_alerts", what: "alerts", body: { search_from: 0, search_to: 1 } },
  { id: "endpoints.get_endpoint", what: "endpoints", body: { search_from: 0, search_to: 1 } },
  { id: "xql.get_quota", what: "XQL", body: {} },
  { id: "api_keys.get_api_keys", what: "API keys", body: { search_from: 0, search_to: 1 } },
  { id: "xsoar.incidents.search", what: "XSOAR incidents", body: { filter: { page: 0, size: 1 } } },
  { id: "assets.get_assets_internet_exposure", what: "assets", body: { search_from: 0, search_to: 1 } },
  { id: "issue.search", what: "issues", body: {} },
  { id: "case.search", what: "cases", body: {} },
];

function kindOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && typeof (error as { kind?: unknown }).kind === "string" ? (error as { kind: string }).kind : undefined;
}

function headersOf(value: unknown): Record<string, string> | undefined {
  const headers = (value as { headers?: unknown } | undefined)?.headers;
  return headers !== null && typeof headers === "object" ? (headers as Record<string, string>) : undefined;
}

/**
 * Runs the checks.
 *
 * @param product - The product.
 * @param flags - Global flags.
 * @param io - The run's streams.
 * @returns The checks, in order.
 */
export async function runChecks(product: Product, flags: GlobalFlags, io: CliIo): Promise<Check[]> {
  const checks: Check[] = [];
  let client: AnyClient;
  /** The XSOAR version `XsoarClient.detect` found, when none was configured. */
  let detected: number | undefined;
  try {
    client = await openClient(product, flags, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const opened = product === "xsoar" && /XSOAR version/i.test(message) ? await detectXsoar(flags, io, checks) : undefined;
    if (opened === undefined) {
      if (checks.length === 0) checks.push({ check: "configuration", status: "fail", detail: message, fix: "add a profile (cxctl profile add) or set CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE" });
      return checks;
    }
    client = opened;
    detected = client.config.xsoarVersion;
  }
  try {
    const config = client.config;
    const sources = Object.entries(config.sources).map(([setting, from]) => `${setting} from ${from}`).join(", ");
    checks.push({ check: "configuration", status: "ok", detail: `${product}${config.profile === undefined ? "" : `, profile ${config.profile}`}; ${sources}` });
    const given = flags.baseUrl ?? io.env["CORTEX_API_BASE_URL"];
    const host = new URL(config.baseUrl).hostname;
    if (given !== undefined && !given.includes(host)) {
      checks.push({ check: "URL", status: "warn", detail: `${given} is not the API URL; using ${config.baseUrl}`, fix: `store the API URL: cxctl profile add --base-url ${config.baseUrl}` });
    } else {
      checks.push({ check: "URL", status: "ok", detail: config.baseUrl });
    }
    const localBefore = Date.now();
    let reachable = false;
    let keyOk = false;
    let serverDate: string | undefined;
    try {
      const { response } = await typedCalls(client).request("healthcheck", undefined).withResponse();
      reachable = true;
      keyOk = true;
      serverDate = headersOf(response)?.["date"];
      checks.push({ check: "reachability", status: "ok", detail: `healthcheck answered ${response.status} in ${Date.now() - localBefore} ms` });
    } catch (error) {
      const kind = kindOf(error);
      serverDate = headersOf(error)?.["date"];
      if (kind === "connection_lost") {
        checks.push({ check: "reachability", status: "fail", detail: (error as Error).message, fix: "the tenant was reached but the connection broke: check proxies or load balancers that close connections, and try again" });
      } else if (kind === "connection" || kind === "timeout") {
        checks.push({ check: "reachability", status: "fail", detail: (error as Error).message, fix: "check the URL, DNS, the proxy (--proxy, HTTPS_PROXY) and the firewall; for TLS errors pass --ca-file" });
      } else if (kind === "console_url") {
        checks.push({ check: "reachability", status: "fail", detail: "the server answered like the console (a login redirect or an HTML page)", fix: "use the API URL (https://api-<tenant>...): Settings → API Keys → Copy API URL" });
      } else {
        reachable = true;
        checks.push({ check: "reachability", status: "ok", detail: `the tenant answered (${(error as { status?: number }).status ?? kind})` });
        if (kind === "authentication") {
          checks.push(await diagnoseRejectedKey(client, io));
        } else if (kind === "permission" || kind === "license") {
          keyOk = true;
          checks.push({ check: "key", status: "ok", detail: `accepted (healthcheck: ${kind})` });
        } else {
          checks.push({ check: "key", status: "warn", detail: `healthcheck failed: ${(error as Error).message}` });
        }
      }
    }
    if (keyOk && checks.every((check) => check.check !== "key")) checks.push({ check: "key", status: "ok", detail: `key ${config.credentials.keyId} (${config.credentials.securityLevel}) accepted` });
    if (serverDate !== undefined) {
      const skew = Date.parse(serverDate) - (localBefore + Date.now()) / 2;
      const seconds = Math.round(skew / 1000);
      const abs = Math.abs(seconds);
      checks.push(
        abs > 300
          ? { check: "clock", status: "fail", detail: `the local clock is ${abs} s ${seconds > 0 ? "behind" : "ahead of"} the server`, fix: "sync the clock with NTP; advanced keys are refused beyond about 5 minutes (the SDK corrects once, other tools do not)" }
          : abs > 30
            ? { check: "clock", status: "warn", detail: `the local clock is ${abs} s ${seconds > 0 ? "behind" : "ahead of"} the server`, fix: "sync the clock with NTP" }
            : { check: "clock", status: "ok", detail: `within ${Math.max(abs, 1)} s of the server's Date header` },
      );
    } else if (reachable) {
      checks.push({ check: "clock", status: "skip", detail: "the server sent no Date header" });
    }
    if (!keyOk) return checks;
    const table = new Set((await productCatalog(product)).entries.map((entry) => entry.operation.id));
    if (table.has("api_keys.get_api_keys") && config.routing.auth !== "xsoar6") {
      try {
        const [record] = await listKeys(client, { ids: [Number(config.credentials.keyId)] });
        if (record === undefined) {
          checks.push({ check: "key expiry", status: "skip", detail: "the key is not in the tenant's key list" });
        } else {
          const warning = (await expiryWarnings(client, new Set([record.id]))).get(record.id);
          const roles = (record.roles ?? []).join(", ");
          if (record.security_level !== undefined && record.security_level !== config.credentials.securityLevel) {
            checks.push({ check: "key level", status: "fail", detail: `the key is ${record.security_level} but configured as ${config.credentials.securityLevel}`, fix: `use --key-type ${record.security_level} (or update the profile)` });
          }
          checks.push(
            warning === undefined
              ? { check: "key expiry", status: "ok", detail: record.expiration === undefined || record.expiration === null || record.expiration <= 0 ? `never expires; roles: ${roles}` : `expires ${new Date(record.expiration).toISOString()}; roles: ${roles}` }
              : { check: "key expiry", status: warning.level === "expired" ? "fail" : "warn", detail: `${warning.text}; roles: ${roles}`, fix: `rotate it: cxctl keys rotate ${record.id}${config.profile === undefined ? "" : ` --profile ${config.profile}`} --delete-old${product === "xdr" ? "" : ` --product ${product}`}` },
          );
        }
      } catch (error) {
        const { knownExpiryOf } = await import("../notices.js");
        const known = knownExpiryOf(io.env, config.baseUrl, config.credentials.keyId);
        checks.push(
          typeof known === "number"
            ? { check: "key expiry", status: known - Date.now() <= 7 * 86_400_000 ? "warn" : "ok", detail: `expires ${new Date(known).toISOString()} (as last seen; this key may not read the key list now: ${kindOf(error) ?? "error"})` }
            : { check: "key expiry", status: "skip", detail: `the key may not read the key list (${kindOf(error) ?? "error"}): expiry unknown` },
        );
      }
    }
    if (product === "xsoar") {
      checks.push(await xsoarProductCheck(client, flags, io, detected));
    } else {
      checks.push({ check: "product", status: "ok", detail: `${product} public API answered at ${config.baseUrl}` });
    }
    const allowed: string[] = [];
    const denied: string[] = [];
    const unlicensed: string[] = [];
    for (const probe of PROBES) {
      if (!table.has(probe.id)) continue;
      try {
        await client.request(probe.id, probe.body);
        allowed.push(probe.what);
      } catch (error) {
        const kind = kindOf(error);
        if (kind === "permission") denied.push(probe.what);
        else if (kind === "license") unlicensed.push(probe.what);
        else allowed.push(`${probe.what} (answered ${kind ?? "error"})`);
      }
    }
    checks.push(
      denied.length === 0 && unlicensed.length === 0
        ? { check: "permissions", status: "ok", detail: `may view: ${allowed.join(", ") || "nothing probed"}` }
        : {
            check: "permissions",
            status: "warn",
            detail: `may view: ${allowed.join(", ") || "none"}; denied (403): ${denied.join(", ") || "none"}${unlicensed.length === 0 ? "" : `; not licensed (402): ${unlicensed.join(", ")}`}`,
            fix: "give the key a role with the missing view permissions (Settings → API Keys → Edit), or use another key",
          },
    );
    return checks;
  } finally {
    await client.close();
  }
}

/** What `XsoarClient.about()` answers. */
interface XsoarAboutReply {
  readonly demistoVersion?: string;
  readonly buildNum?: string;
  readonly deploymentMode?: string;
  readonly productMode?: string;
}

/** The XSOAR client class, loaded only for `doctor --product xsoar`. */
interface XsoarClientStatic {
  detect(options: Record<string, unknown>): Promise<AnyClient>;
}

async function xsoarClass(): Promise<XsoarClientStatic> {
  return (await loadClientClass("xsoar")) as unknown as XsoarClientStatic;
}

/**
 * Opens an XSOAR client without a configured version by asking the server (`XsoarClient.detect`).
 *
 * @returns The client, or undefined (with a failed check) when detection failed.
 */
async function detectXsoar(flags: GlobalFlags, io: CliIo, checks: Check[]): Promise<AnyClient | undefined> {
  try {
    const { xsoarVersion: _none, ...options } = await clientOptionsFrom(flags, io);
    return await (await xsoarClass()).detect(options as Record<string, unknown>);
  } catch (error) {
    checks.push({ check: "configuration", status: "fail", detail: `no XSOAR version is configured and detecting it failed: ${(error as Error).message}`, fix: "pass --xsoar-version 6 or 8 (or set CORTEX_XSOAR_VERSION, or store it in the profile)" });
    return undefined;
  }
}

/**
 * The product check of XSOAR: `about()` (`/about` on 6, `/xsoar/about` on 8) against the configured
 * version; when that call fails, `XsoarClient.detect` tells which version the server is.
 */
async function xsoarProductCheck(client: AnyClient, flags: GlobalFlags, io: CliIo, detected: number | undefined): Promise<Check> {
  const configured = client.config.xsoarVersion;
  let about: XsoarAboutReply | undefined;
  try {
    about = await (client as unknown as { about(): Promise<XsoarAboutReply> }).about();
  } catch (error) {
    // Maybe the other version: ask the server which it is.
    try {
      const { xsoarVersion: _configured, ...options } = await clientOptionsFrom(flags, io);
      const other = await (await xsoarClass()).detect(options as Record<string, unknown>);
      const found = other.config.xsoarVersion;
      await other.close();
      if (found !== undefined && found !== configured) return { check: "product", status: "fail", detail: `the server is XSOAR ${found} but the configuration says ${configured}`, fix: `use --xsoar-version ${found} (or update the profile)` };
    } catch {
      // Detection failed too: report the about() error.
    }
    return { check: "product", status: "warn", detail: `could not read the XSOAR version (about): ${(error as Error).message}` };
  }
  const version = String(about?.demistoVersion ?? "unknown");
  const major = Number.parseInt(version, 10);
  const mode = [about?.productMode, about?.deploymentMode].filter((part): part is string => typeof part === "string" && part !== "").join(", ");
  const facts = `XSOAR ${version}${about?.buildNum === undefined ? "" : ` (build ${about.buildNum})`}${mode === "" ? "" : `; ${mode}`}`;
  if (Number.isFinite(major) && (major >= 8 ? 8 : 6) !== configured) return { check: "product", status: "fail", detail: `the server runs ${facts} but the configuration says XSOAR ${configured}`, fix: `use --xsoar-version ${major >= 8 ? 8 : 6}` };
  if (detected !== undefined) return { check: "product", status: "ok", detail: `${facts}, detected (no version configured)`, fix: `store it to skip detection: --xsoar-version ${detected}, CORTEX_XSOAR_VERSION=${detected} or cxctl profile add` };
  return { check: "product", status: "ok", detail: facts };
}

/**
 * Builds `cxctl doctor`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function doctorCommand(io: CliIo): Command {
  return new Command("doctor")
    .description("check the URL, reachability, clock, key (validity, level, expiry), product and permissions; prints a fix for each problem")
    .addOption(new Option("--product <product>", "product to check (default xdr; xsoar needs --xsoar-version)").choices(PRODUCTS))
    .addHelpText("after", "\nExit code 10 when a check fails (warnings do not fail).\n\nExample:\n  cxctl doctor --profile prod\n  cxctl doctor --output json")
    .action(async (_own: unknown, self: Command) => {
      const flags = globalFlags(self);
      const product = productFlag(flags["product"] as string | undefined, PRODUCTS, "xdr");
      const format = chooseFormat(flags.output, io.stdout);
      const checks = await runChecks(product, flags, io);
      const failed = checks.filter((check) => check.status === "fail").length;
      if (format === "table") {
        const style = styleFor(io.stdout, io.env);
        const mark = { ok: style.green("✓"), warn: style.yellow("!"), fail: style.red("✗"), skip: style.dim("-") };
        for (const check of checks) {
          io.stdout.write(`${mark[check.status]} ${style.bold(check.check)}: ${check.detail}\n`);
          if (check.fix !== undefined) io.stdout.write(`    fix: ${check.fix}\n`);
        }
      } else {
        await writeValue(format === "json" || format === "yaml" ? { ok: failed === 0, checks } : checks, { format, io });
      }
      if (failed > 0) throw new ExitCodeError(ExitCode.checkFailed, `cxctl doctor: ${failed} check${failed === 1 ? "" : "s"} failed`);
    });
}
