import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CortexConfigError, listProfiles, loadProfile, profileFilePath, removeProfile, resolveConfig, saveProfile, setDefaultProfile } from "../src/index.js";
import { TEST_KEY, testInfo } from "./helpers.js";

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "cortex-sdk-profiles-"));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const env = () => ({ HOME: home });
const info = testInfo();
const posix = process.platform !== "win32";

describe("profile file location", () => {
  it("follows CORTEX_CONFIG_FILE, then XDG_CONFIG_HOME, then ~/.config, and %APPDATA% on Windows", () => {
    expect(profileFilePath({ env: { HOME: "/h" }, platform: "linux" })).toBe("/h/.config/cortex-sdk/config.json");
    expect(profileFilePath({ env: { HOME: "/h", XDG_CONFIG_HOME: "/x" }, platform: "linux" })).toBe("/x/cortex-sdk/config.json");
    expect(profileFilePath({ env: { HOME: "/h", CORTEX_CONFIG_FILE: "/c.json" }, platform: "linux" })).toBe("/c.json");
    expect(profileFilePath({ env: { HOME: "/h" }, configFile: "/o.json", platform: "linux" })).toBe("/o.json");
    expect(profileFilePath({ env: { APPDATA: "C:\\Users\\a\\AppData\\Roaming" }, platform: "win32" })).toMatch(/cortex-sdk[\\/]config\.json$/);
    expect(profileFilePath({ env: {}, platform: "linux" })).toBeUndefined();
  });
});

describe("profiles", () => {
  it("saves atomically with mode 0600 in a 0700 directory, lists without keys, switches and removes", () => {
    const path = saveProfile("prod", { baseUrl: "https://acme.xdr.eu.paloaltonetworks.com", apiKeyId: 42, apiKey: TEST_KEY, securityLevel: "advanced" }, { env: env() });
    expect(path).toBe(join(home, ".config", "cortex-sdk", "config.json"));
    if (posix) {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    }
    saveProfile("lab", { baseUrl: "http://127.0.0.1:9", apiKeyId: "7", apiKey: TEST_KEY, securityLevel: "standard" }, { env: env() });
    // No temporary files are left behind.
    expect(readdirSync(dirname(path))).toEqual(["config.json"]);

    const listed = listProfiles({ env: env() });
    expect(listed.map((profile) => [profile.name, profile.isDefault, profile.hasKey])).toEqual([
      ["lab", false, true],
      ["prod", true, true],
    ]);
    expect(JSON.stringify(listed)).not.toContain(TEST_KEY);

    setDefaultProfile("lab", { env: env() });
    expect(loadProfile(undefined, { env: env() })?.name).toBe("lab");
    expect(() => setDefaultProfile("nope", { env: env() })).toThrowError(/No profile named "nope".*known profiles: lab, prod/);

    expect(removeProfile("lab", { env: env() })).toBe(true);
    expect(removeProfile("lab", { env: env() })).toBe(false);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ profiles: { prod: expect.objectContaining({ apiKeyId: 42 }) } });
  });

  it("refuses invalid names and values without echoing them", () => {
    expect(() => saveProfile("../evil", {}, { env: env() })).toThrowError(CortexConfigError);
    const error = (() => {
      try {
        saveProfile("x", { apiKeyId: { key: TEST_KEY } as unknown as string }, { env: env() });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CortexConfigError);
    expect(String((error as Error).message)).not.toContain(TEST_KEY);
  });

  it.runIf(posix)("refuses a file holding a key that group or others can read, and says how to fix it", () => {
    const path = saveProfile("prod", { baseUrl: "https://api-acme.example.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "standard" }, { env: env() });
    chmodSync(path, 0o644);
    expect(() => resolveConfig({ env: env() }, info)).toThrowError(new RegExp(`can be read by other users \\(mode 644\\)\\. Restrict it to its owner with: chmod 600 '${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'`));
    chmodSync(path, 0o600);
    expect(resolveConfig({ env: env() }, info).profile).toBe("prod");
  });

  it.runIf(posix)("refuses a key-less file that others can change (they could redirect the key from the environment)", () => {
    const path = join(home, "config.json");
    writeFileSync(path, JSON.stringify({ profiles: { p: { baseUrl: "https://api-x.example.com" } } }), { mode: 0o666 });
    chmodSync(path, 0o666);
    expect(() => loadProfile("p", { configFile: path, env: {} })).toThrowError(/can be changed by other users/);
  });

  it("rejects a file that is not valid JSON, naming the file", () => {
    const path = join(home, "broken.json");
    writeFileSync(path, "{not json", { mode: 0o600 });
    expect(() => loadProfile("p", { configFile: path, env: {} })).toThrowError(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid JSON`));
  });
});

describe("configuration precedence: options > environment > profile", () => {
  beforeEach(() => {
    saveProfile("prod", { baseUrl: "https://prof.xdr.eu.paloaltonetworks.com", apiKeyId: 11, apiKey: `profile-${TEST_KEY}`, securityLevel: "standard" }, { env: env() });
    saveProfile("other", { baseUrl: "https://other.xdr.eu.paloaltonetworks.com", apiKeyId: 12, apiKey: `other-${TEST_KEY}`, securityLevel: "advanced", proxy: "http://user:pw-secret@proxy.example.com:3128" }, { env: env() });
  });

  it("uses the default profile for what options and environment leave out, and records every source", () => {
    const config = resolveConfig({ apiKeyId: 99, env: { ...env(), CORTEX_API_KEY_TYPE: "advanced" } }, info);
    expect(config.baseUrl).toBe("https://api-prof.xdr.eu.paloaltonetworks.com");
    expect(config.credentials.keyId).toBe("99");
    expect(config.credentials.securityLevel).toBe("advanced");
    expect(config.profile).toBe("prod");
    expect(config.sources).toEqual({
      baseUrl: "profile prod",
      apiKeyId: "option apiKeyId",
      apiKey: "profile prod",
      securityLevel: "env CORTEX_API_KEY_TYPE",
    });
    expect(inspect(config, { depth: 5 })).not.toContain(TEST_KEY);
  });

  it("takes the profile named by the option, else by CORTEX_PROFILE, and its proxy with the password hidden", () => {
    expect(resolveConfig({ profile: "other", env: { ...env(), CORTEX_PROFILE: "prod" } }, info).profile).toBe("other");
    const config = resolveConfig({ env: { ...env(), CORTEX_PROFILE: "other" } }, info);
    expect(config.credentials.keyId).toBe("12");
    expect(config.proxy).toBe("http://user:[REDACTED]@proxy.example.com:3128");
    expect(JSON.stringify(config)).not.toContain("pw-secret");
  });

  it("does not read the profile file when options and environment say everything and no profile is named", () => {
    const path = join(home, ".config", "cortex-sdk", "config.json");
    if (posix) chmodSync(path, 0o644);
    const config = resolveConfig({ baseUrl: "https://api-a.example.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "standard", env: env() }, info);
    expect(config.profile).toBeUndefined();
  });

  it("names a missing profile and the ones that exist", () => {
    expect(() => resolveConfig({ profile: "staging", env: env() }, info)).toThrowError(/No profile named "staging".*known profiles: other, prod/);
  });
});
