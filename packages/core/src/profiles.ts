/**
 * Named connection profiles in a JSON file in the user's configuration directory, and the small API
 * tools (such as `cxctl profile add|list|use|remove`) build on.
 *
 * The file is `$CORTEX_CONFIG_FILE`, else `$XDG_CONFIG_HOME/cortex-sdk/config.json`, else
 * `~/.config/cortex-sdk/config.json` (`%APPDATA%\cortex-sdk\config.json` on Windows):
 *
 * ```json
 * {
 *   "defaultProfile": "prod",
 *   "profiles": {
 *     "prod": { "baseUrl": "https://api-acme.xdr.eu.paloaltonetworks.com", "apiKeyId": 42, "apiKey": "...", "securityLevel": "advanced" }
 *   }
 * }
 * ```
 *
 * A file that holds a key must be readable by its owner only (mode 0600): the SDK refuses it otherwise.
 * Writes are atomic (a temporary file renamed over the old one), with mode 0600 in a 0700 directory.
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SecurityLevel } from "@cortex-sdk/auth-signer";
import type { XsoarVersion } from "@cortex-sdk/schemas-base";
import { CortexConfigError } from "./errors.js";

/** One named profile. Every field is optional; what a profile lacks comes from options or the environment. */
export interface Profile {
  /** API URL, console URL or FQDN. */
  readonly baseUrl?: string;
  /** API key id. */
  readonly apiKeyId?: string | number;
  /** API key secret. */
  readonly apiKey?: string;
  /** Security level of the key. */
  readonly securityLevel?: SecurityLevel;
  /** XSOAR major version, for XSOAR clients. */
  readonly xsoarVersion?: XsoarVersion;
  /** Path of a PEM file with CA certificates to trust in addition to the system's. */
  readonly caFile?: string;
  /** HTTP(S) proxy URL for this tenant. */
  readonly proxy?: string;
  /** MSSP child tenant id to act on (sent as `x-child-tenant-id`). */
  readonly childTenantId?: string;
}

/** The content of the profile file. */
export interface ProfileFile {
  /** Profile used when none is named. */
  readonly defaultProfile?: string;
  /** Profiles by name. */
  readonly profiles: Readonly<Record<string, Profile>>;
}

/** A profile as listed: everything except the key. */
export interface ProfileSummary {
  /** Profile name. */
  readonly name: string;
  /** Whether this is the default profile. */
  readonly isDefault: boolean;
  /** API URL as stored. */
  readonly baseUrl: string | undefined;
  /** API key id. */
  readonly apiKeyId: string | undefined;
  /** Security level. */
  readonly securityLevel: SecurityLevel | undefined;
  /** XSOAR version. */
  readonly xsoarVersion: XsoarVersion | undefined;
  /** Whether the profile holds a key (never the key itself). */
  readonly hasKey: boolean;
}

/** Where the profile file is and which environment to read its location from. */
export interface ProfileFileOptions {
  /** Path of the file (wins over `CORTEX_CONFIG_FILE` and the default location). */
  readonly configFile?: string;
  /** Environment to read `CORTEX_CONFIG_FILE`, `XDG_CONFIG_HOME`, `HOME` and `APPDATA` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Platform whose conventions to follow (default `process.platform`). */
  readonly platform?: NodeJS.Platform;
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PROFILE_FIELDS = ["baseUrl", "apiKeyId", "apiKey", "securityLevel", "xsoarVersion", "caFile", "proxy", "childTenantId"] as const;

/**
 * The path of the profile file: the `configFile` option, else `CORTEX_CONFIG_FILE`, else
 * `$XDG_CONFIG_HOME/cortex-sdk/config.json`, else `$HOME/.config/cortex-sdk/config.json`
 * (`%APPDATA%\cortex-sdk\config.json` on Windows).
 *
 * @param options - Explicit path, environment, platform.
 * @returns The path, or undefined when the environment names no home or configuration directory.
 */
export function profileFilePath(options: ProfileFileOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  if (options.configFile !== undefined) return options.configFile;
  const explicit = env["CORTEX_CONFIG_FILE"];
  if (explicit !== undefined && explicit.trim() !== "") return explicit;
  const platform = options.platform ?? process.platform;
  if (platform === "win32") {
    const appData = env["APPDATA"];
    return appData === undefined || appData === "" ? undefined : join(appData, "cortex-sdk", "config.json");
  }
  const xdg = env["XDG_CONFIG_HOME"];
  if (xdg !== undefined && xdg.startsWith("/")) return join(xdg, "cortex-sdk", "config.json");
  const home = env["HOME"];
  return home === undefined || home === "" ? undefined : join(home, ".config", "cortex-sdk", "config.json");
}

/**
 * Reads the profile file. A missing file is an empty one.
 *
 * @param options - Where the file is.
 * @returns The profiles and the default profile name.
 * @throws {@link CortexConfigError} when the file is not valid JSON of the expected shape, or holds a key
 *   while being readable by group or others (the message says how to fix it).
 */
export function readProfileFile(options: ProfileFileOptions = {}): ProfileFile {
  const path = profileFilePath(options);
  if (path === undefined || !existsSync(path)) return { profiles: {} };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CortexConfigError("configuration", `Cannot read the profile file ${path}: ${(error as Error).message}.`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CortexConfigError("configuration", `The profile file ${path} is not valid JSON. Fix it or remove it (cxctl profile add recreates it).`);
  }
  const file = validateFile(parsed, path);
  const holdsKey = Object.values(file.profiles).some((profile) => profile.apiKey !== undefined);
  checkPermissions(path, holdsKey, options.platform ?? process.platform);
  return file;
}

/**
 * Reads one profile.
 *
 * @param name - Profile name; undefined for the file's default profile.
 * @param options - Where the file is.
 * @returns The profile and its name, or undefined when no name is given and the file has no default.
 * @throws {@link CortexConfigError} when a named profile does not exist (the message lists those that do).
 */
export function loadProfile(name: string | undefined, options: ProfileFileOptions = {}): { readonly name: string; readonly profile: Profile } | undefined {
  const file = readProfileFile(options);
  const chosen = name ?? file.defaultProfile;
  if (chosen === undefined) return undefined;
  const profile = file.profiles[chosen];
  if (profile === undefined) {
    const known = Object.keys(file.profiles).sort();
    const where = profileFilePath(options) ?? "the profile file";
    throw new CortexConfigError(
      "configuration",
      `No profile named "${chosen}" in ${where}${known.length === 0 ? " (it has no profiles)" : `; known profiles: ${known.join(", ")}`}. Create it with \`cxctl profile add ${chosen}\` or saveProfile().`,
    );
  }
  return { name: chosen, profile };
}

/**
 * Lists the profiles without their keys.
 *
 * @param options - Where the file is.
 * @returns One summary per profile, sorted by name.
 */
export function listProfiles(options: ProfileFileOptions = {}): ProfileSummary[] {
  const file = readProfileFile(options);
  return Object.entries(file.profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, profile]) => ({
      name,
      isDefault: file.defaultProfile === name,
      baseUrl: profile.baseUrl,
      apiKeyId: profile.apiKeyId === undefined ? undefined : String(profile.apiKeyId),
      securityLevel: profile.securityLevel,
      xsoarVersion: profile.xsoarVersion,
      hasKey: profile.apiKey !== undefined,
    }));
}

/**
 * Adds or replaces a profile. The file is written atomically with mode 0600 (its directory 0700).
 *
 * @param name - Profile name: letters, digits, `.`, `_` and `-`, at most 64 characters.
 * @param profile - The profile.
 * @param options - Where the file is, and `makeDefault` to make this the default profile (the first
 *   profile saved always becomes the default).
 * @returns The path written.
 * @throws {@link CortexConfigError} for an invalid name or profile, or when the file cannot be written.
 */
export function saveProfile(name: string, profile: Profile, options: ProfileFileOptions & { readonly makeDefault?: boolean } = {}): string {
  checkName(name);
  const path = requirePath(options);
  const clean = validateProfile(profile, `profile "${name}"`);
  const file = readProfileFile(options);
  const profiles = { ...file.profiles, [name]: clean };
  const defaultProfile = options.makeDefault === true || file.defaultProfile === undefined ? name : file.defaultProfile;
  writeProfileFile(path, { defaultProfile, profiles });
  return path;
}

/**
 * Removes a profile; when it was the default, the file is left without a default.
 *
 * @param name - Profile name.
 * @param options - Where the file is.
 * @returns Whether a profile was removed.
 */
export function removeProfile(name: string, options: ProfileFileOptions = {}): boolean {
  const file = readProfileFile(options);
  if (file.profiles[name] === undefined) return false;
  const profiles = Object.fromEntries(Object.entries(file.profiles).filter(([other]) => other !== name));
  const next: ProfileFile = file.defaultProfile === undefined || file.defaultProfile === name ? { profiles } : { defaultProfile: file.defaultProfile, profiles };
  writeProfileFile(requirePath(options), next);
  return true;
}

/**
 * Makes a profile the default.
 *
 * @param name - An existing profile's name.
 * @param options - Where the file is.
 * @throws {@link CortexConfigError} when no profile has that name.
 */
export function setDefaultProfile(name: string, options: ProfileFileOptions = {}): void {
  const file = readProfileFile(options);
  if (file.profiles[name] === undefined) loadProfile(name, options);
  writeProfileFile(requirePath(options), { defaultProfile: name, profiles: file.profiles });
}

function requirePath(options: ProfileFileOptions): string {
  const path = profileFilePath(options);
  if (path === undefined) {
    throw new CortexConfigError("configuration", "Cannot tell where the profile file goes: set HOME, XDG_CONFIG_HOME or CORTEX_CONFIG_FILE, or pass `configFile`.");
  }
  return path;
}

function writeProfileFile(path: string, file: ProfileFile): void {
  const directory = dirname(path);
  try {
    if (!existsSync(directory)) mkdirSync(directory, { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    // Created 0600 from the start, so the key is never readable by others, even for a moment.
    const fd = openSync(temporary, "wx", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(temporary, path);
    } catch (error) {
      unlinkSync(temporary);
      throw error;
    }
    if (process.platform !== "win32") chmodSync(path, 0o600);
  } catch (error) {
    if (error instanceof CortexConfigError) throw error;
    throw new CortexConfigError("configuration", `Cannot write the profile file ${path}: ${(error as Error).message}.`, { cause: error });
  }
}

function checkPermissions(path: string, holdsKey: boolean, platform: NodeJS.Platform): void {
  if (platform === "win32") return;
  const mode = statSync(path).mode & 0o777;
  // Anyone who can write the file can send the key to a URL of their choosing; anyone who can read it has the key.
  const tooOpen = holdsKey ? (mode & 0o077) !== 0 : (mode & 0o022) !== 0;
  if (tooOpen) {
    throw new CortexConfigError(
      "configuration",
      `The profile file ${path} ${holdsKey ? "holds an API key and " : ""}can be ${holdsKey && (mode & 0o044) !== 0 ? "read" : "changed"} by other users (mode ${mode.toString(8).padStart(3, "0")}). ` +
        `Restrict it to its owner with: chmod 600 '${path}'`,
    );
  }
}

function checkName(name: string): void {
  if (!PROFILE_NAME.test(name)) {
    throw new CortexConfigError("configuration", `Invalid profile name ${JSON.stringify(name)}: use letters, digits, ".", "_" and "-" (at most 64 characters, starting with a letter or digit).`);
  }
}

function validateFile(value: unknown, path: string): ProfileFile {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CortexConfigError("configuration", `The profile file ${path} must hold a JSON object like {"defaultProfile": "...", "profiles": {...}}.`);
  }
  const record = value as Record<string, unknown>;
  const rawProfiles = record["profiles"] ?? {};
  if (rawProfiles === null || typeof rawProfiles !== "object" || Array.isArray(rawProfiles)) {
    throw new CortexConfigError("configuration", `"profiles" in ${path} must be an object of profiles by name.`);
  }
  const profiles: Record<string, Profile> = {};
  for (const [name, profile] of Object.entries(rawProfiles)) profiles[name] = validateProfile(profile, `profile "${name}" in ${path}`);
  const defaultProfile = record["defaultProfile"];
  if (defaultProfile !== undefined && typeof defaultProfile !== "string") {
    throw new CortexConfigError("configuration", `"defaultProfile" in ${path} must be a profile name.`);
  }
  return defaultProfile === undefined ? { profiles } : { defaultProfile, profiles };
}

function validateProfile(value: unknown, where: string): Profile {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new CortexConfigError("configuration", `The ${where} must be an object.`);
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const inner = record[field];
    if (inner === undefined || inner === null) continue;
    const ok =
      field === "apiKeyId"
        ? typeof inner === "string" || typeof inner === "number"
        : field === "securityLevel"
          ? inner === "standard" || inner === "advanced"
          : field === "xsoarVersion"
            ? inner === 6 || inner === 8
            : typeof inner === "string";
    // The value is not echoed: it could be the key in the wrong field.
    if (!ok) throw new CortexConfigError("configuration", `The ${where} has an invalid "${field}" (${describeType(inner)}).`);
    out[field] = inner;
  }
  return out as Profile;
}

function describeType(value: unknown): string {
  return Array.isArray(value) ? "an array" : typeof value === "string" ? "a string that is not allowed here" : `a ${typeof value}`;
}
