import { describe, expect, it } from "vitest";
import { getOperationById, operations } from "../src/index.js";

const products = (id: string) => getOperationById(id)?.products;
const versions = (id: string) => getOperationById(id)?.xsoarVersions;

describe("product mapping", () => {
  it("serves the XSIAM 2.8 surface from XDR and XSIAM", () => {
    expect(products("endpoints.isolate")).toEqual(["xdr", "xsiam"]);
    expect(products("xql.get_query_results")).toEqual(["xdr", "xsiam", "cloud"]);
    expect(products("incidents.get_incidents")).toEqual(["xdr", "xsiam", "xpanse"]);
  });

  it("serves the endpoint script library from XDR, and only the XSIAM content APIs named scripts/get|insert|delete off it", () => {
    for (const id of ["scripts.get_scripts", "scripts.get_script_metadata", "scripts.get_script_code", "scripts.get_script_execution_status", "scripts.get_script_execution_results", "scripts.get_script_execution_results_files", "scripts.run_script"]) {
      expect(products(id), id).toContain("xdr");
    }
    for (const id of ["scripts.get", "scripts.insert", "scripts.delete"]) expect(products(id), id).not.toContain("xdr");
  });

  it("serves Cortex Cloud account onboarding (hand-authored from the reference), paging instances with filter_data", () => {
    const onboarding = operations.filter((entry) => entry.id.startsWith("cloud_onboarding."));
    expect(onboarding).toHaveLength(14);
    for (const entry of onboarding) expect(entry.products, entry.id).toEqual(["cloud"]);
    expect(getOperationById("cloud_onboarding.get_instances")?.pagination).toMatchObject({ kind: "filter_data", itemsField: "DATA", maxPageSize: 2000 });
    expect(getOperationById("cloud_onboarding.create_instance_template")?.retrySafety).toBe("unsafe");
  });

  it("keeps XSIAM-only 2.8 operations off XDR", () => {
    for (const id of ["alerts.create_alert", "authentication_settings.create", "correlations.get", "scheduled_queries.list", "xql_library.get", "entries.get"]) {
      expect(products(id), id).not.toContain("xdr");
      expect(products(id), id).toContain("xsiam");
    }
  });

  it("serves the 3.4 platform from XSIAM, and the families Cortex Cloud documents from Cloud too", () => {
    expect(products("case.search")).toEqual(["xsiam", "cloud"]);
    expect(products("issue.search")).toEqual(["xsiam", "cloud"]);
    expect(products("assets.get_by_id")).toEqual(["xsiam", "cloud"]);
    expect(products("endpoints.upgrade")).toEqual(["xsiam"]);
  });

  it("serves platform modules from Cloud and XSIAM", () => {
    expect(products("compliance.get_assets")).toEqual(["xsiam", "cloud"]);
    expect(products("uvem.get_vulnerabilities")).toEqual(["xsiam", "cloud"]);
    expect(products("platform.iam.role.get")).toEqual(["xsiam", "cloud"]);
  });

  it("serves API key management on XDR, XSIAM, XSOAR 8, Xpanse and Cloud; IAM get/edit not on XDR or Xpanse", () => {
    for (const id of ["api_keys.generate", "api_keys.get_api_keys", "api_keys.delete"]) {
      expect(products(id), id).toEqual(["xdr", "xsiam", "xsoar", "xpanse", "cloud"]);
      expect(versions(id), id).toEqual([8]);
    }
    for (const id of ["platform.iam.api_key.get_by_id", "platform.iam.api_key.put_by_id"]) {
      expect(products(id), id).toEqual(["xsiam", "xsoar", "cloud"]);
      expect(versions(id), id).toEqual([8]);
    }
  });

  it("maps XSOAR routes to XSOAR 6 and 8, with XSOAR 6-only exceptions", () => {
    expect(products("xsoar.incidents.search")).toEqual(["xsoar"]);
    expect(versions("xsoar.incidents.search")).toEqual([6, 8]);
    expect(versions("xsoar.apikeys.revoke.user.post_by_username")).toEqual([6]);
    expect(versions("xsoar.health.containers")).toEqual([6]);
    expect(getOperationById("xsoar.incidents.search")?.sources).toEqual(["xsoar-6.json", "xsoar-server-swagger.json"]);
  });

  it("serves healthcheck everywhere (XSOAR 8 only for XSOAR)", () => {
    expect(products("healthcheck")).toEqual(["xdr", "xsiam", "xsoar", "xpanse", "cloud"]);
    expect(versions("healthcheck")).toEqual([8]);
  });

  it("adds Xpanse to the spec operations its reference table lists, and keeps Xpanse-only operations apart", () => {
    expect(products("assets.get_external_services")).toEqual(["xsiam", "xpanse", "cloud"]);
    expect(getOperationById("assets.get_external_services")?.sources).toContain("xpanse-reference");
    expect(products("remediation_confirmation_scanning.requests.get_or_create")).toEqual(["xpanse"]);
    expect(operations.filter((e) => e.products.includes("xpanse")).length).toBeGreaterThanOrEqual(27);
  });

  it("merges one method and path described by several specs into one entry", () => {
    const entry = getOperationById("xql.start_xql_query")!;
    expect(entry.sources).toEqual(["xsiam-2.8.json", "xsiam-3.4-platform.json"]);
    expect(operations.filter((e) => e.path === entry.path && e.method === entry.method)).toHaveLength(1);
  });
});
