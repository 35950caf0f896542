/**
 * Which products serve the operations of each spec file, with the exceptions the reference fact sheets
 * state. Plain data; the generator applies the spec default first, then every matching rule in order.
 *
 * @module
 */
import type { Product, XsoarVersion } from "../../../schemas-base/src/operation.js";

/** Products every operation of a spec family is served by, before the rules below. */
export interface FamilyProducts {
  /** The products. */
  readonly products: readonly Product[];
  /** XSOAR versions, for XSOAR specs. */
  readonly xsoarVersions?: readonly XsoarVersion[];
  /** One line: why. */
  readonly reason: string;
}

/** Default products per spec family (see generator/specs.ts for which file is which family). */
export const familyProducts: Readonly<Record<"xdr" | "platform" | "module" | "xsoar", FamilyProducts>> = {
  xdr: { products: ["xdr", "xsiam"], reason: "specs README: XSIAM 2.8 is the XDR surface, served by Cortex XDR and XSIAM" },
  platform: { products: ["xsiam"], reason: "specs README: the Cortex XSIAM 3.4 platform APIs" },
  module: { products: ["cloud", "xsiam"], reason: "specs README: platform modules used by Cortex Cloud (and XSIAM 3.x); all are exported as 'Cortex XSIAM 3.4'" },
  xsoar: { products: ["xsoar"], xsoarVersions: [6, 8], reason: "specs README: XSOAR 8 serves the XSOAR 6 routes under /xsoar/public/v1" },
};

/** One product-mapping rule. */
export interface ProductRule {
  /** Paths the rule applies to: a path matches when it starts with one of these prefixes (after normalisation). */
  readonly paths: readonly string[];
  /** Spec families the rule applies to; all when absent. */
  readonly families?: readonly ("xdr" | "platform" | "module" | "xsoar")[];
  /** Products added. */
  readonly add?: readonly Product[];
  /** Products removed. */
  readonly remove?: readonly Product[];
  /** XSOAR versions set (when `xsoar` is among the products). */
  readonly xsoarVersions?: readonly XsoarVersion[];
  /** One line: why, citing the reference. */
  readonly reason: string;
}

const V1 = "/public_api/v1/";

/** Exceptions to the family defaults, applied in order. A rule that matches no operation fails the generator. */
export const productRules: readonly ProductRule[] = [
  {
    families: ["xdr"],
    paths: [`${V1}assets/get_`, `${V1}assets/bulk_update_vulnerability_tests`, `${V1}get_attack_surface_rules`, `${V1}asm_management/`],
    remove: ["xdr"],
    reason: "xdr-xsiam reference §4.17: the ASM endpoints are Xpanse-derived and also in XSIAM; not an XDR surface",
  },
  {
    families: ["xdr"],
    paths: [
      `${V1}alerts/create_alert`,
      `${V1}authentication-settings/`,
      `${V1}integrations/syslog/`,
      `${V1}scheduled_queries/`,
      "/public_api/xql_library/",
      `${V1}correlations/`,
      `${V1}dashboards/`,
      `${V1}widgets/`,
      `${V1}playbooks/`,
      `${V1}scripts/get/`,
      `${V1}scripts/insert/`,
      `${V1}scripts/delete/`,
      `${V1}entries/`,
    ],
    remove: ["xdr"],
    reason: "xdr-xsiam reference §4.3, §4.8, §4.16, §4.18, §4.19: XSIAM-only (create_alert, SSO settings, syslog, scheduled queries, XQL library, detection content, war room)",
  },
  {
    families: ["xdr", "platform"],
    paths: [
      `${V1}issue`,
      `${V1}case/`,
      `${V1}entries/`,
      `${V1}assets`,
      `${V1}asset-groups`,
      `${V1}get_attack_surface_rules`,
      `${V1}asm_management/`,
      `${V1}api_keys/`,
      `${V1}healthcheck`,
      `${V1}system/get_tenant_info`,
      `${V1}rbac/`,
      `${V1}audits/`,
      `${V1}license/`,
      `${V1}cli/releases/version`,
      `${V1}integrations/syslog/`,
      `${V1}authentication-settings/`,
      `${V1}xql/`,
      "/public_api/v2/xql/",
      "/public_api/xql_library/",
      `${V1}scheduled_queries/`,
      `${V1}indicators/`,
      `${V1}bioc/`,
      `${V1}correlations/`,
      `${V1}scripts/get/`,
      `${V1}scripts/insert/`,
      `${V1}scripts/delete/`,
      `${V1}playbooks/`,
      `${V1}dashboards/`,
      `${V1}widgets/`,
    ],
    add: ["cloud"],
    reason: "xsoar-xpanse-cloud reference §4.1: Cortex Cloud serves these platform families (issues, cases, war room, assets, ASM, API keys, system, syslog, SSO, XQL and content APIs)",
  },
  {
    paths: [`${V1}api_keys/`],
    add: ["xdr", "xsiam", "xsoar", "cloud", "xpanse"],
    xsoarVersions: [8],
    reason: "xdr-xsiam reference §2.3 and xsoar reference §2.2, §4.7: API key list/generate/delete serve XSIAM 3.x, XDR, XSOAR 8 and Cortex Cloud; Xpanse sits on the same gateway with the same key scheme (xsoar reference §1.1-1.2) and its console manages keys, so it is served there too",
  },
  {
    paths: ["/platform/iam/v1/api-key/"],
    add: ["xsiam", "xsoar", "cloud"],
    xsoarVersions: [8],
    reason: "xdr-xsiam reference §2.3 and xsoar reference §4.7: API key get/edit (IAM) is documented for XSIAM 3.4, XSOAR 8 and Cortex Cloud; XDR is an open question (§10)",
  },
  {
    paths: [`${V1}healthcheck`, `${V1}system/get_tenant_info`, `${V1}rbac/`],
    add: ["xsoar"],
    xsoarVersions: [8],
    reason: "xsoar reference §2.6 (users/system/health): XSOAR 8 serves healthcheck, tenant info and rbac under /public_api/v1",
  },
  {
    paths: [`${V1}healthcheck`],
    add: ["xpanse", "cloud"],
    reason: "xsoar reference §1.1 and §4.10: Xpanse and Cortex Cloud tenants sit on the same gateway; healthcheck replies there too",
  },
  {
    families: ["module"],
    paths: ["/platform/iam/v1/"],
    add: ["xsiam"],
    reason: "xdr-xsiam reference §4.15: the IAM surface is documented for XSIAM 3.4",
  },
  {
    families: ["xsoar"],
    paths: ["/apikeys/", "/health"],
    xsoarVersions: [6],
    reason: "xsoar reference §2.2 and §2.6: on XSOAR 8 keys are managed by the Cortex platform and /health/containers is XSOAR 6 docker health",
  },
];
