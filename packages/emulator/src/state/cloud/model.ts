/**
 * Seeded Cortex Cloud data per tenant (reference xsoar-xpanse-cloud §4):
 * issues, cases, the asset inventory with asset groups (membership by an
 * AND/OR predicate), vulnerability intelligence and compliance results.
 * Issues, cases and asset groups change through the API and are durable with
 * a data directory.
 */
import { deriveSeed, mulberry32, pick, pickSome, randomHex, randomInt } from "../../random.js";
import { CASE_DOMAINS, type Tenant } from "../../tenant.js";
import { TenantDataStore } from "../xsoar/durable.js";
import { compileFilterTree, type FlatRecord } from "./filter-tree.js";

/** A JSON record. */
export type CloudRecord = Record<string, unknown>;

/** An asset group and its membership predicate. */
export interface AssetGroup {
  id: number;
  name: string;
  type: "Dynamic" | "Static";
  description: string;
  predicate: unknown;
  createdAt: number;
  createdBy: string;
}

/** One tenant's Cortex Cloud data. */
export interface CloudData {
  /** Issues by numeric id. */
  readonly issues: Map<number, CloudRecord>;
  /** Cases by numeric id. */
  readonly cases: Map<number, CloudRecord>;
  /** Assets by `xdm.asset.id`. */
  readonly assets: Map<string, CloudRecord>;
  /** Asset groups by id. */
  readonly groups: Map<number, AssetGroup>;
  /** Vulnerability intelligence by CVE id. */
  readonly vulnerabilities: Map<string, CloudRecord>;
  /** Compliance results (one per asset and rule). */
  readonly compliance: CloudRecord[];
  /** Next ids. */
  readonly next: { issue: number; group: number };
}

const ANCHOR_MS = Date.UTC(2025, 0, 1);
const HOUR_MS = 3_600_000;

/** Issue severities. */
export const ISSUE_SEVERITIES = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
/** Issue statuses (`status.progress`). */
export const ISSUE_STATUSES = ["New", "In Progress", "Resolved"] as const;
const CATEGORIES = ["CONFIGURATION", "VULNERABILITY", "MALWARE", "IDENTITY", "NETWORK", "SECRETS"] as const;
const DETECTION = ["CSPM Scanner", "XDR Agent", "CAS CVE Scanner", "CIEM Scanner", "Secrets Scanner", "ASM"] as const;
const PROVIDERS = ["AWS", "Azure", "GCP", "ON_PREM"] as const;
const TYPES = [
  ["Compute", "Virtual Machine", "AWS EC2 Instance"],
  ["Data", "Storage Bucket", "AWS S3 Bucket"],
  ["Data", "Database Instance", "Azure SQL Database"],
  ["Compute", "Container", "Kubernetes Pod"],
  ["Identity", "IAM Role", "AWS IAM Role"],
] as const;
const REGIONS = ["us-east-1", "eu-west-1", "westeurope", "us-central1"] as const;
const CVES = ["CVE-2021-44228", "CVE-2023-4966", "CVE-2024-3400", "CVE-2022-1388", "CVE-2019-0708", "CVE-2023-44487", "CVE-2024-6387", "CVE-2022-22965"] as const;

/** The ids of the groups whose predicate matches an asset. */
export function groupIdsOf(asset: FlatRecord, groups: Iterable<AssetGroup>): number[] {
  const ids: number[] = [];
  for (const group of groups) if (compileFilterTree(group.predicate, "membership_predicate")(asset)) ids.push(group.id);
  return ids;
}

/** Builds a tenant's seeded Cortex Cloud data (deterministic for a tenant seed). */
export function seedCloudData(tenant: Tenant): CloudData {
  const random = mulberry32(deriveSeed(tenant.seed, "cloud"));
  const groups = new Map<number, AssetGroup>();
  const seededGroups: readonly [string, unknown][] = [
    ["AWS assets", { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }] }],
    ["Azure assets", { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "Azure" }] }],
    [
      "Data stores",
      { OR: [{ SEARCH_FIELD: "xdm.asset.type.class", SEARCH_TYPE: "EQ", SEARCH_VALUE: "Data" }, { SEARCH_FIELD: "xdm.asset.type.category", SEARCH_TYPE: "EQ", SEARCH_VALUE: "IAM Role" }] },
    ],
  ];
  seededGroups.forEach(([name, predicate], index) => {
    groups.set(index + 1, { id: index + 1, name, type: "Dynamic", description: `Seeded group: ${name}`, predicate, createdAt: ANCHOR_MS - 90 * 24 * HOUR_MS, createdBy: "admin@example.com" });
  });

  const assets = new Map<string, CloudRecord>();
  for (let n = 0; n < 40; n++) {
    const id = randomHex(random, 64);
    const provider = pick(random, PROVIDERS);
    const [cls, category, typeName] = pick<(typeof TYPES)[number]>(random, TYPES);
    const first = ANCHOR_MS - randomInt(random, 24, 2000) * HOUR_MS;
    assets.set(id, {
      "xdm.asset.id": id,
      "xdm.asset.strong_id": `${provider.toLowerCase()}:${typeName.replace(/ /g, "-").toLowerCase()}:${n}`,
      "xdm.asset.name": `${category.replace(/ /g, "-").toLowerCase()}-${n}`,
      "xdm.asset.provider": provider,
      "xdm.asset.realm": provider === "ON_PREM" ? "datacenter-1" : `account-${randomInt(random, 1, 3)}`,
      "xdm.asset.type.id": typeName.replace(/ /g, "_").toUpperCase(),
      "xdm.asset.type.name": typeName,
      "xdm.asset.type.class": cls,
      "xdm.asset.type.category": category,
      "xdm.asset.cloud.region": provider === "ON_PREM" ? null : pick(random, REGIONS),
      "xdm.asset.first_observed": first,
      "xdm.asset.last_observed": first + randomInt(random, 1, 24) * HOUR_MS,
      "xdm.host.ipv4_addresses": cls === "Compute" ? [`10.${n % 4}.${randomInt(random, 0, 255)}.${randomInt(random, 1, 254)}`] : [],
      issues_breakdown: { critical: 0, high: 0, medium: 0, low: 0 },
      cases_breakdown: { critical: 0, high: 0, medium: 0, low: 0 },
      issues_critical: 0,
      cases_critical: 0,
    });
  }
  const assetList = [...assets.values()];

  const issues = new Map<number, CloudRecord>();
  const issueCount = Math.max(10, tenant.incidents.length * 2);
  for (let id = 1; id <= issueCount; id++) {
    const asset = pick(random, assetList as [CloudRecord, ...CloudRecord[]]);
    const observed = ANCHOR_MS - (issueCount - id) * HOUR_MS;
    const severity = pick(random, ISSUE_SEVERITIES);
    const status = pick(random, ISSUE_STATUSES);
    const breakdown = asset["issues_breakdown"] as Record<string, number>;
    const key = severity === "INFO" ? "low" : severity.toLowerCase();
    breakdown[key] = (breakdown[key] ?? 0) + 1;
    if (severity === "CRITICAL") asset["issues_critical"] = Number(asset["issues_critical"]) + 1;
    issues.set(id, {
      id,
      external_id: randomHex(random, 32),
      name: `${pick(random, ["Public bucket", "Unencrypted volume", "Critical CVE", "Over-privileged role", "Exposed secret"] as const)} on ${String(asset["xdm.asset.name"])}`,
      description: "Seeded issue",
      domain: pick(random, CASE_DOMAINS),
      category: pick(random, CATEGORIES),
      type: "Posture",
      severity,
      status,
      status_resolution_reason: status === "Resolved" ? "RESOLVED_FIXED" : null,
      status_resolution_comment: null,
      detection_method: pick(random, DETECTION),
      detection_rule_id: `rule-${randomInt(random, 1, 50)}`,
      _insert_time: new Date(observed).toISOString(),
      observation_time: observed,
      last_modified: observed,
      assigned_to: null,
      assigned_to_pretty: null,
      owner: null,
      tags: [],
      is_starred: false,
      is_excluded: false,
      case_ids: [],
      finding_ids: [],
      asset_ids: [asset["xdm.asset.id"]],
      asset_names: [asset["xdm.asset.name"]],
      asset_classes: [asset["xdm.asset.type.class"]],
      asset_categories: [asset["xdm.asset.type.category"]],
      asset_providers: [asset["xdm.asset.provider"]],
      asset_regions: asset["xdm.asset.cloud.region"] === null ? [] : [asset["xdm.asset.cloud.region"]],
      asset_types: [asset["xdm.asset.type.name"]],
      mitre_tactics: [],
      mitre_techniques: [],
      normalized_fields: {},
      custom_fields: {},
    });
  }

  const cases = new Map<number, CloudRecord>();
  const issueList = [...issues.values()];
  const caseCount = Math.max(5, Math.floor(issueCount / 3));
  for (let id = 1; id <= caseCount; id++) {
    const members = pickSome(random, issueList, randomInt(random, 1, 3));
    const created = ANCHOR_MS - (caseCount - id) * 3 * HOUR_MS;
    const domain = String(members[0]?.["domain"] ?? "Security");
    for (const issue of members) (issue["case_ids"] as number[]).push(id);
    const status = pick(random, ["NEW", "UNDER_INVESTIGATION", "RESOLVED"] as const);
    cases.set(id, {
      case_id: String(id),
      case_name: `Case ${id}: ${String(members[0]?.["name"] ?? "")}`,
      // The table types creation_time as a string: ISO 8601 here.
      creation_time: new Date(created).toISOString(),
      last_modified: created,
      owner: null,
      case_domain: domain,
      status_progress: status,
      resolve_reason: status === "RESOLVED" ? "RESOLVED_FIXED" : null,
      resolve_comment: null,
      score: randomInt(random, 10, 100),
      scoring_type: "SCORE",
      severity: pick(random, ISSUE_SEVERITIES),
      description: "Seeded case",
      assigned_to: null,
      assigned_to_name: null,
      auto_resolve_case: false,
      is_cloud: true,
      is_automated: false,
      issues: members.map((issue) => String(issue["id"])),
      assets: members.flatMap((issue) => issue["asset_ids"] as string[]),
      artifacts: [],
      custom_fields: {},
    });
  }

  const vulnerabilities = new Map<string, CloudRecord>();
  for (const cve of CVES) {
    const score = Number((4 + random() * 6).toFixed(1));
    const published = ANCHOR_MS - randomInt(random, 100, 2000) * 24 * HOUR_MS;
    vulnerabilities.set(cve, {
      vulnerability_id: cve,
      cvss_score: score,
      cvss_severity: score >= 9 ? "CRITICAL" : score >= 7 ? "HIGH" : score >= 4 ? "MEDIUM" : "LOW",
      cvss_version: "3.1",
      cvss_score_source: "NVD",
      cvss_severity_source: "NVD",
      epss_score: Number(random().toFixed(3)),
      cisa_kev: random() < 0.5,
      package_names: [pick(random, ["log4j-core", "openssh", "netscaler", "spring-beans", "nghttp2"] as const)],
      vendors: [pick(random, ["Apache", "OpenBSD", "Citrix", "VMware", "Palo Alto Networks"] as const)],
      distribution_and_releases: [],
      first_published: published,
      last_modified: published + randomInt(random, 1, 90) * 24 * HOUR_MS,
      reported_exploited_by: [],
      attack_vector: pick(random, ["NETWORK", "LOCAL", "ADJACENT_NETWORK"] as const),
    });
  }

  const compliance: CloudRecord[] = [];
  const rules = [
    ["S3 bucket is public", "CIS AWS 2.1.5", "high"],
    ["Disk encryption disabled", "CIS Azure 7.2", "medium"],
    ["Root account without MFA", "CIS AWS 1.5", "critical"],
    ["Logging disabled", "NIST AU-2", "low"],
  ] as const;
  for (const asset of assetList.slice(0, 20)) {
    for (const [rule, control, severity] of pickSome(random, rules, 2)) {
      compliance.push({
        ASSET_ID: asset["xdm.asset.id"],
        ASSET_NAME: asset["xdm.asset.name"],
        ASSET_TYPE: asset["xdm.asset.type.name"],
        STATUS: pick(random, ["FAILED", "PASSED", "PASSED", "NOT_ASSESSED"] as const),
        RULE_NAME: rule,
        CONTROL: control,
        RULE_REVISION_ID: `rev-${randomInt(random, 1, 9)}`,
        CONTROL_REVISION_ID: randomInt(random, 1, 9),
        SOURCE: "CSPM",
        SEVERITY: severity,
        RULE_TYPE: "CONFIG",
        PROVIDER: asset["xdm.asset.provider"],
        REGION: asset["xdm.asset.cloud.region"] ?? "",
        REALM: asset["xdm.asset.realm"],
        TAGS: {},
        ORGANIZATION: null,
        ASSET_STRONG_ID: asset["xdm.asset.strong_id"],
      });
    }
  }
  return { issues, cases, assets, groups, vulnerabilities, compliance, next: { issue: issueCount + 1, group: groups.size + 1 } };
}

interface SerializedCloud {
  readonly issues: CloudRecord[];
  readonly cases: CloudRecord[];
  readonly assets: CloudRecord[];
  readonly groups: AssetGroup[];
  readonly vulnerabilities: CloudRecord[];
  readonly compliance: CloudRecord[];
  readonly next: CloudData["next"];
}

/** The tenants' Cortex Cloud data (durable with a data directory). */
export const CLOUD_DATA = new TenantDataStore<CloudData>({
  area: "cloud",
  create: seedCloudData,
  serialize: (data): SerializedCloud => ({
    issues: [...data.issues.values()],
    cases: [...data.cases.values()],
    assets: [...data.assets.values()],
    groups: [...data.groups.values()],
    vulnerabilities: [...data.vulnerabilities.values()],
    compliance: data.compliance,
    next: data.next,
  }),
  restore: (json) => {
    const saved = json as Partial<SerializedCloud> | null;
    if (
      typeof saved !== "object" ||
      saved === null ||
      ![saved.issues, saved.cases, saved.assets, saved.groups, saved.vulnerabilities, saved.compliance].every(Array.isArray) ||
      typeof saved.next !== "object"
    ) {
      throw new Error("Data directory: the Cortex Cloud data file is not valid");
    }
    const full = saved as SerializedCloud;
    return {
      issues: new Map(full.issues.map((issue) => [Number(issue["id"]), issue])),
      cases: new Map(full.cases.map((item) => [Number(item["case_id"]), item])),
      assets: new Map(full.assets.map((asset) => [String(asset["xdm.asset.id"]), asset])),
      groups: new Map(full.groups.map((group) => [group.id, group])),
      vulnerabilities: new Map(full.vulnerabilities.map((item) => [String(item["vulnerability_id"]), item])),
      compliance: full.compliance,
      next: { ...full.next },
    };
  },
});
