/**
 * Seeded Xpanse (attack surface) data per tenant: internet-exposure assets,
 * external services, owned IP ranges, websites, vulnerability tests, attack
 * surface rules and ASM alerts, shaped as the recorded replies in reference
 * xsoar-xpanse-cloud §3.3. Tags, vulnerability-test status, alert and incident
 * updates are the mutable parts; they are durable with a data directory.
 */
import { deriveSeed, mulberry32, pick, pickSome, randomHex, randomInt, type Random } from "../../random.js";
import type { Tenant } from "../../tenant.js";
import { TenantDataStore } from "../xsoar/durable.js";

/** A JSON record with an id. */
export type XpanseRecord = Record<string, unknown>;

/** One tenant's attack-surface data. Records are keyed by their id. */
export interface XpanseData {
  /** Internet-exposure assets by `asm_ids[0]`. */
  readonly assets: Map<string, XpanseRecord>;
  /** External services by `service_id`. */
  readonly services: Map<string, XpanseRecord>;
  /** Owned IP ranges by `range_id`. */
  readonly ranges: Map<string, XpanseRecord>;
  /** Websites by `website_id`. */
  readonly websites: Map<string, XpanseRecord>;
  /** Vulnerability tests by `name`. */
  readonly vulnerabilityTests: Map<string, XpanseRecord>;
  /** Attack surface rules by `attack_surface_rule_id`. */
  readonly rules: Map<string, XpanseRecord>;
  /** ASM alerts by `alert_id`. */
  readonly alerts: Map<string, XpanseRecord>;
  /** ASM incidents by `incident_id` (the tenant's incidents with the Xpanse fields). */
  readonly incidents: Map<string, XpanseRecord>;
}

/** The tenant's incidents as Xpanse shows them: ASM sources and risk scores (deterministic for a tenant seed). */
export function seedXpanseIncidents(tenant: Tenant): Map<string, XpanseRecord> {
  const random = mulberry32(deriveSeed(tenant.seed, "xpanse-incidents"));
  const incidents = new Map<string, XpanseRecord>();
  for (const incident of tenant.incidents) {
    const ruleScore = randomInt(random, 10, 100);
    incidents.set(incident.incident_id, {
      ...incident,
      custom_fields: { ...incident.custom_fields },
      incident_sources: ["ASM"],
      alert_sources: ["ASM"],
      xpanse_risk_score: randomInt(random, 1, 100),
      rule_based_score: ruleScore,
      manual_score: null,
      aggregated_score: ruleScore,
      original_tags: [],
      tags: [`AR:${pick(random, ["Registered to You", "Inferred to You"] as const)}`],
    });
  }
  return incidents;
}

const ANCHOR_MS = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;

/** A UUID-shaped id from the seeded stream. */
export function seededUuid(random: Random): string {
  const hex = randomHex(random, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const BUSINESS_UNITS = ["Acme Corp", "Acme Retail", "Acme Labs"] as const;
const PROVIDERS = ["Amazon Web Services", "Google", "Microsoft Azure", "Cloudflare", "Akamai"] as const;
const SERVICE_TYPES = [
  ["SshServer", 22, "TCP"],
  ["HttpServer", 80, "TCP"],
  ["HttpServer", 443, "TCP"],
  ["DnsServer", 53, "UDP"],
  ["RdpServer", 3389, "TCP"],
  ["FtpServer", 21, "TCP"],
] as const;
const CVES = ["CVE-2021-44228", "CVE-2023-4966", "CVE-2024-3400", "CVE-2022-1388", "CVE-2019-0708"] as const;
const ASSET_TYPES = [
  ["CERTIFICATE", "certificate"],
  ["DOMAIN", "domain"],
  ["CLOUD_COMPUTE_INSTANCE", "cloud_compute_instance"],
  ["ON_PREM", "on_prem"],
  ["UNASSOCIATED_RESPONSIVE_IP", "unassociated_responsive_ip"],
] as const;

/** The `type` filter value of an asset (lower case of `asset_type`). */
export function assetTypeFilterValue(assetType: unknown): string {
  return ASSET_TYPES.find(([upper]) => upper === assetType)?.[1] ?? String(assetType).toLowerCase();
}

const RULES: readonly (readonly [id: string, name: string, category: string, priority: string])[] = [
  ["InsecureTLS", "Insecure TLS", "Attack Surface Reduction", "Medium"],
  ["RdpServer", "RDP Server", "Attack Surface Reduction", "High"],
  ["SshWeakKex", "SSH Weak Key Exchange", "Attack Surface Reduction", "Low"],
  ["ExpiredCertificate", "Expired Certificate", "Certificate Management", "Medium"],
  ["Section889Violation", "Section 889 Violation", "Compliance", "High"],
  ["OpenDnsResolver", "Open DNS Resolver", "Attack Surface Reduction", "Medium"],
  ["FtpServer", "FTP Server", "Attack Surface Reduction", "Medium"],
  ["Log4jVulnerable", "Apache Log4j Vulnerable", "Vulnerability Management", "Critical"],
];

function ip(random: Random, net: number): string {
  return `192.0.${net}.${randomInt(random, 1, 254)}`;
}

/** Builds a tenant's seeded Xpanse data (deterministic for a tenant seed). */
export function seedXpanseData(tenant: Tenant): XpanseData {
  const random = mulberry32(deriveSeed(tenant.seed, "xpanse"));
  const ranges = new Map<string, XpanseRecord>();
  for (let n = 0; n < 12; n++) {
    const id = seededUuid(random);
    const v6 = n % 6 === 5;
    ranges.set(id, {
      range_id: id,
      first_ip: v6 ? `2001:db8:${n}::` : `198.18.${n * 16}.0`,
      last_ip: v6 ? `2001:db8:${n}::ffff` : `198.18.${n * 16 + 15}.255`,
      ips_count: v6 ? 65536 : 4096,
      active_responsive_ips_count: randomInt(random, 0, 40),
      date_added: ANCHOR_MS - randomInt(random, 10, 400) * DAY_MS,
      business_units: [pick(random, BUSINESS_UNITS)],
      organization_handles: [`ACME-${randomInt(random, 1, 4)}`],
      ipaddress_version: v6 ? 6 : 4,
      has_bu_overrides: random() < 0.2,
      tags: [],
    });
  }
  const assets = new Map<string, XpanseRecord>();
  for (let n = 0; n < 30; n++) {
    const id = seededUuid(random);
    const [assetType] = pick<(typeof ASSET_TYPES)[number]>(random, ASSET_TYPES);
    const firstObserved = ANCHOR_MS - randomInt(random, 30, 600) * DAY_MS;
    const name = assetType === "CERTIFICATE" ? `*.app${n}.acme.example` : assetType === "DOMAIN" ? `www${n}.acme.example` : ip(random, n % 4);
    assets.set(id, {
      asm_ids: [id],
      name,
      asset_type: assetType,
      cloud_provider: assetType === "CLOUD_COMPUTE_INSTANCE" ? pick(random, ["AWS", "GCP", "Azure"] as const) : null,
      externally_detected_providers: pickSome(random, PROVIDERS, randomInt(random, 1, 2)),
      region: null,
      ips: assetType === "CERTIFICATE" ? [] : [ip(random, n % 4)],
      business_units: [pick(random, BUSINESS_UNITS)],
      management_status: [],
      iot_model: null,
      iot_category: null,
      iot_profile: null,
      sensor: ["XPANSE"],
      service_type: pickSome(random, ["SshServer", "HttpServer", "DnsServer"], randomInt(random, 0, 2)),
      first_observed: firstObserved,
      last_observed: firstObserved + randomInt(random, 1, 29) * DAY_MS,
      has_active_externally_services: random() < 0.7,
      has_xdr_agent: pick(random, ["NA", "YES", "NO"] as const),
      certificate_classifications: assetType === "CERTIFICATE" ? ["Wildcard"] : [],
      certificate_issuer: assetType === "CERTIFICATE" ? "Example CA" : null,
      certificate_algorithm: assetType === "CERTIFICATE" ? "SHA256withRSA" : null,
      mac_addresses: [],
      cloud_id: null,
      ip_ranges: [],
      domain_resolves: assetType === "DOMAIN",
      operation_system: null,
      asm_va_score: null,
      externally_inferred_cves: random() < 0.3 ? [pick(random, CVES)] : [],
      agent_id: null,
      tags: [],
    });
  }
  const assetList = [...assets.values()];
  const services = new Map<string, XpanseRecord>();
  for (let n = 0; n < 40; n++) {
    const id = seededUuid(random);
    const [serviceType, port, protocol] = pick<(typeof SERVICE_TYPES)[number]>(random, SERVICE_TYPES);
    const address = ip(random, n % 4);
    const firstObserved = ANCHOR_MS - randomInt(random, 10, 300) * DAY_MS;
    const cves = random() < 0.35 ? pickSome(random, CVES, randomInt(random, 1, 2)) : [];
    services.set(id, {
      service_id: id,
      service_name: `${serviceType.replace("Server", " Server")} at ${address}:${port}`,
      service_type: serviceType,
      ip_address: [address],
      domain: [],
      externally_detected_providers: [pick(random, PROVIDERS)],
      is_active: random() < 0.8 ? "Active" : "Inactive",
      first_observed: firstObserved,
      last_observed: firstObserved + randomInt(random, 1, 9) * DAY_MS,
      port,
      protocol,
      active_classifications: serviceType === "HttpServer" ? ["HttpServer", "ServerSoftware"] : [serviceType],
      inactive_classifications: [],
      discovery_type: pick(random, ["ColocatedOnIp", "DirectlyDiscovered"] as const),
      business_units: [pick(random, BUSINESS_UNITS)],
      externally_inferred_vulnerability_score: cves.length > 0 ? Number((random() * 10).toFixed(1)) : null,
      externally_inferred_cves: cves,
      tags: [],
    });
  }
  const serviceIds = [...services.keys()];
  const websites = new Map<string, XpanseRecord>();
  for (let n = 0; n < 15; n++) {
    const id = seededUuid(random);
    const firstObserved = ANCHOR_MS - randomInt(random, 10, 300) * DAY_MS;
    websites.set(id, {
      website_id: id,
      host: `site${n}.acme.example`,
      protocol: "HTTPS",
      is_active: random() < 0.85 ? "ACTIVE" : "INACTIVE",
      site_categories: [pick(random, ["Business", "Marketing", "Login"] as const)],
      technology_ids: pickSome(random, ["nginx", "react", "wordpress", "jquery"], randomInt(random, 1, 3)),
      first_observed: firstObserved,
      last_observed: firstObserved + randomInt(random, 1, 9) * DAY_MS,
      provider_names: [pick(random, PROVIDERS)],
      ips: [ip(random, n % 4)],
      port: 443,
      active_service_ids: pickSome(random, serviceIds, 1),
      http_type: pick(random, ["https_only", "http_redirects_to_https", "http_only"] as const),
      third_party_script_domains: [],
      security_assessments: [],
      authentication: [],
      externally_inferred_vulnerability_score: 0,
      externally_inferred_cves: [],
      tags: [],
    });
  }
  const vulnerabilityTests = new Map<string, XpanseRecord>();
  CVES.forEach((cve, n) => {
    const name = `${cve} exposure test`;
    vulnerabilityTests.set(name, {
      id: `vt-${n + 1}`,
      name,
      vulnerability_ids: [cve],
      description: `Checks internet-facing services for ${cve}`,
      status: n % 2 === 0 ? "Enabled" : "Disabled",
      vendor_names: [pick(random, ["Apache", "Citrix", "Palo Alto Networks", "F5", "Microsoft"] as const)],
      affected_software: [],
      severity_score: Number((7 + random() * 3).toFixed(1)),
      cwe_ids: [`CWE-${randomInt(random, 20, 900)}`],
      epss_score: Number(random().toFixed(3)),
      references: [`https://nvd.nist.gov/vuln/detail/${cve}`],
      remediation_guidance: "Upgrade to a fixed version.",
      first_published: ANCHOR_MS - randomInt(random, 100, 1500) * DAY_MS,
      created: ANCHOR_MS - randomInt(random, 10, 90) * DAY_MS,
      count_vulnerable_services: randomInt(random, 0, 6),
    });
  });
  const rules = new Map<string, XpanseRecord>();
  RULES.forEach(([id, name, category, priority], n) => {
    const created = ANCHOR_MS - (RULES.length - n) * 30 * DAY_MS;
    rules.set(id, {
      attack_surface_rule_id: id,
      attack_surface_rule_name: name,
      category,
      priority,
      enabled_status: n % 4 === 3 ? "Off" : "On",
      description: `Detects ${name.toLowerCase()} exposures.`,
      remediation_guidance: "Restrict or remove the exposed service.",
      knowledge_base_link: null,
      created,
      modified: created,
      modified_by: null,
      asm_alert_categories: [category === "Compliance" ? "Attack Surface Reduction" : category],
    });
  });
  const alerts = new Map<string, XpanseRecord>();
  const ruleList = [...rules.values()];
  const count = Math.max(10, Math.min(200, tenant.incidents.length * 2));
  for (let n = 1; n <= count; n++) {
    const rule = pick(random, ruleList as [XpanseRecord, ...XpanseRecord[]]);
    const asset = pick(random, assetList as [XpanseRecord, ...XpanseRecord[]]);
    const created = ANCHOR_MS - (count - n) * 3_600_000;
    alerts.set(String(n), {
      alert_id: String(n),
      external_id: randomHex(random, 16),
      name: `${String(rule["attack_surface_rule_name"])} at ${String(asset["name"])}`,
      description: String(rule["description"]),
      severity: pick(random, ["low", "medium", "high", "critical"] as const),
      source: "ASM",
      alert_type: "Unclassified",
      status: pick(random, ["new", "under_investigation", "resolved"] as const),
      resolution_status: "STATUS_010_NEW",
      resolution_comment: null,
      local_insert_ts: created,
      detection_timestamp: created,
      // Multi-event alerts carry event fields as lists.
      event_timestamp: [created],
      last_modified_ts: created,
      case_id: randomInt(random, 1, Math.max(1, tenant.incidents.length)),
      starred: false,
      is_whitelisted: false,
      host_name: String(asset["name"]),
      attack_surface_rule_id: rule["attack_surface_rule_id"],
      attack_surface_rule_name: rule["attack_surface_rule_name"],
      asset_ids: asset["asm_ids"],
      tags: [],
      events: [],
    });
  }
  return { assets, services, ranges, websites, vulnerabilityTests, rules, alerts, incidents: seedXpanseIncidents(tenant) };
}

type SerializedXpanse = Record<keyof XpanseData, XpanseRecord[]>;

const KEYS: Readonly<Record<keyof XpanseData, (record: XpanseRecord) => string>> = {
  assets: (record) => String((record["asm_ids"] as string[])[0]),
  services: (record) => String(record["service_id"]),
  ranges: (record) => String(record["range_id"]),
  websites: (record) => String(record["website_id"]),
  vulnerabilityTests: (record) => String(record["name"]),
  rules: (record) => String(record["attack_surface_rule_id"]),
  alerts: (record) => String(record["alert_id"]),
  incidents: (record) => String(record["incident_id"]),
};

/** The tenants' Xpanse data (durable with a data directory). */
export const XPANSE_DATA = new TenantDataStore<XpanseData>({
  area: "xpanse",
  create: seedXpanseData,
  serialize: (data): SerializedXpanse => {
    const out = {} as SerializedXpanse;
    for (const key of Object.keys(KEYS) as (keyof XpanseData)[]) out[key] = [...data[key].values()];
    return out;
  },
  restore: (json, tenant) => {
    const saved = json as Partial<SerializedXpanse> | null;
    if (typeof saved !== "object" || saved === null) throw new Error("Data directory: the Xpanse data file is not valid");
    const maps = {} as Record<keyof XpanseData, Map<string, XpanseRecord>>;
    for (const key of Object.keys(KEYS) as (keyof XpanseData)[]) {
      const list = saved[key];
      // Files written before incidents were kept: the seeded incidents.
      if (key === "incidents" && list === undefined) {
        maps[key] = seedXpanseIncidents(tenant);
        continue;
      }
      if (!Array.isArray(list)) throw new Error(`Data directory: the Xpanse data file lacks ${key}`);
      maps[key] = new Map(list.map((record) => [KEYS[key](record), record]));
    }
    return maps;
  },
});
