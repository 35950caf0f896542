import { describe, expect, it } from "vitest";
import { requestJsonSchema, requestValidator, responseJsonSchema, responseValidator, type StandardSchemaV1 } from "../src/generated/validators.js";

async function check(schema: StandardSchemaV1 | undefined, value: unknown): Promise<readonly string[]> {
  expect(schema).toBeDefined();
  const result = await schema!["~standard"].validate(value);
  return result.issues === undefined ? [] : result.issues.map((i) => `${(i.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".")}: ${i.message}`);
}

describe("validators: Standard Schema", () => {
  it("returns Standard Schema v1 objects, cached, or undefined", () => {
    const v = requestValidator("incidents.get_incidents")!;
    expect(v["~standard"].version).toBe(1);
    expect(v["~standard"].vendor).toBe("zod");
    expect(requestValidator("incidents.get_incidents")).toBe(v);
    expect(requestValidator("healthcheck")).toBeUndefined();
    expect(requestValidator("no.such.operation")).toBeUndefined();
    expect(responseValidator("no.such.operation")).toBeUndefined();
  });

  it("exposes plain JSON Schemas without prose", () => {
    const schema = requestJsonSchema("incidents.get_incidents");
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema?.properties?.["filters"]?.items?.anyOf?.map((condition) => condition.properties?.["field"]?.enum?.[0])).toContain("status");
    const text = JSON.stringify(responseJsonSchema("alerts.get_alerts"));
    expect(text).not.toMatch(/"(description|summary|title|example|examples|x-[a-z-]+)":\s*"/);
    expect(responseJsonSchema("healthcheck")).toMatchObject({ type: "object", properties: { status: { type: "string" } } });
  });
});

describe("validators: requests are strict", () => {
  const incidents = () => requestValidator("incidents.get_incidents");

  it("accepts a documented request, operators in any case", async () => {
    expect(await check(incidents(), { filters: [{ field: "status", operator: "eq", value: "new" }], search_from: 0, search_to: 100, sort: { field: "creation_time", keyword: "desc" } })).toEqual([]);
    expect(await check(incidents(), { filters: [{ field: "creation_time", operator: "GTE", value: 1 }] })).toEqual([]);
    expect(await check(incidents(), {})).toEqual([]);
  });

  it("rejects wrong field names, wrong operators and unknown keys", async () => {
    expect((await check(incidents(), { filters: [{ field: "statuss", operator: "eq", value: "new" }] }))[0]).toMatch(/^filters\.0\.field/);
    expect((await check(incidents(), { filters: [{ field: "status", operator: "like", value: "new" }] }))[0]).toMatch(/^filters\.0\.operator: expected one of/);
    expect((await check(incidents(), { search_form: 0 }))[0]).toMatch(/Unrecognized key/);
    expect((await check(incidents(), { filters: [{ field: "status", value: "new" }] }))[0]).toMatch(/^filters\.0\.operator/);
  });

  it("rejects pages larger than the operation's documented maximum", async () => {
    expect(await check(incidents(), { search_from: 100, search_to: 200 })).toEqual([]);
    expect((await check(incidents(), { search_from: 0, search_to: 101 }))[0]).toMatch(/page size .* must be 1 to 100 for incidents\.get_incidents; got 101/);
    expect((await check(incidents(), { search_from: 10, search_to: 10 }))[0]).toMatch(/got 0/);
    expect((await check(incidents(), { search_from: -1, search_to: 10 }))[0]).toMatch(/search_from must be 0 or more/);
    expect(await check(requestValidator("assets.get_external_ip_address_ranges"), { search_from: 0, search_to: 1000 })).toEqual([]);
    expect((await check(requestValidator("assets.get_external_ip_address_ranges"), { search_from: 0, search_to: 1001 }))[0]).toMatch(/1 to 1000/);
  });

  it("checks filter_data paging against the page cap", async () => {
    const byFilter = () => requestValidator("alerts.get_alerts_by_filter_data");
    expect(await check(byFilter(), { filter_data: { paging: { from: 0, to: 100 }, filter: { AND: [] } } })).toEqual([]);
    expect((await check(byFilter(), { filter_data: { paging: { from: 0, to: 150 } } }))[0]).toMatch(/^filter_data\.paging\.to: page size \(to - from\) must be 1 to 100/);
  });

  it("rejects missing required fields and wrong enum values", async () => {
    expect(await check(requestValidator("api_keys.generate"), { roles: ["Investigator"], security_level: "advanced" })).toEqual([]);
    expect((await check(requestValidator("api_keys.generate"), { security_level: "advanced" }))[0]).toMatch(/^roles/);
    expect((await check(requestValidator("api_keys.generate"), { roles: ["x"], security_level: "super" })).length).toBe(1);
  });

  it("checks alerts.get_alerts filters per field and names what is wrong", async () => {
    const alerts = () => requestValidator("alerts.get_alerts");
    const ok = [
      { field: "alert_id_list", operator: "in", value: [104173820, "104173821"] },
      { field: "severity", operator: "in", value: ["high", "critical"] },
      { field: "creation_time", operator: "gte", value: 1700000000000 },
    ];
    expect(await check(alerts(), { filters: ok })).toEqual([]);
    expect(await check(alerts(), { filters: [{ field: "severity", operator: "in", value: ["urgent"] }] })).toEqual(["filters.0.value.0: Invalid input"]);
    expect(await check(alerts(), { filters: [{ field: "creation_time", operator: "gte", value: "yesterday" }] })).toEqual(["filters.0.value: Invalid input: expected number, received string"]);
    expect((await check(alerts(), { filters: [{ field: "creation_time", operator: "in", value: [1] }] }))[0]).toMatch(/^filters\.0\.operator: expected one of "gte", "lte"/);
    expect((await check(alerts(), { filters: [{ field: "hostname", operator: "in", value: ["h1"] }] }))[0]).toMatch(/^filters\.0\.field: .*'alert_id_list' \| 'alert_source' \| 'severity' \| 'creation_time'/);
  });

  it("checks the other filtered lists per field, by operator where a field's operators take different values", async () => {
    const incidents = () => requestValidator("incidents.get_incidents");
    const ok = [
      { field: "status", operator: "EQ", value: "new" },
      { field: "description", operator: "contains", value: "phish" },
      { field: "description", operator: "in", value: ["a", "b"] },
      { field: "incident_id_list", operator: "in", value: ["1", 2] },
      { field: "starred", operator: "neq", value: false },
      { field: "modification_time", operator: "lte", value: 1700000000000 },
    ];
    expect(await check(incidents(), { filters: ok })).toEqual([]);
    expect((await check(incidents(), { filters: [{ field: "status", operator: "in", value: ["new"] }] }))[0]).toMatch(/^filters\.0\.operator: expected one of "eq", "neq"/);
    expect(await check(incidents(), { filters: [{ field: "status", operator: "eq", value: "open" }] })).toEqual(["filters.0.value: Invalid input"]);
    expect(await check(incidents(), { filters: [{ field: "description", operator: "contains", value: ["a"] }] })).toEqual(["filters.0.value: Invalid input: expected string, received array"]);
    expect((await check(incidents(), { filters: [{ field: "description", operator: "eq", value: "a" }] }))[0]).toMatch(/^filters\.0\.operator: expected one of "in", "contains"/);
    expect(await check(incidents(), { filters: [{ field: "starred", operator: "eq", value: "yes" }] })).toEqual(["filters.0.value: Invalid input: expected boolean, received string"]);

    const endpoints = () => requestValidator("endpoints.get_endpoint");
    expect(await check(endpoints(), { filters: [{ field: "platform", operator: "IN", value: ["windows", "linux"] }, { field: "endpoint_status", operator: "in", value: "connected" }] })).toEqual([]);
    expect(await check(endpoints(), { filters: [{ field: "platform", operator: "in", value: ["solaris"] }] })).not.toEqual([]);
    expect((await check(endpoints(), { filters: [{ field: "last_seen", operator: "in", value: [1] }] }))[0]).toMatch(/^filters\.0\.operator: expected one of "gte", "lte"/);

    const logs = () => requestValidator("audits.management_logs");
    expect(await check(logs(), { filters: [{ field: "type", operator: "in", value: ["Login"] }, { field: "timestamp", operator: "gte", value: 1 }] })).toEqual([]);
    expect(await check(logs(), { filters: [{ field: "timestamp", operator: "gte", value: "today" }] })).toEqual(["filters.0.value: Invalid input: expected number, received string"]);
    expect(await check(requestValidator("audits.agents_reports"), { filters: [{ field: "category", operator: "in", value: ["other"] }] })).toEqual(["filters.0.value.0: Invalid input"]);

    const keys = () => requestValidator("api_keys.get_api_keys");
    expect(await check(keys(), { filters: [{ field: "roles", operator: "contains", value: ["Viewer"] }, { field: "id", operator: "in", value: [1, "2"] }, { field: "comment", operator: "contains", value: "ci" }] })).toEqual([]);
    expect(await check(keys(), { filters: [{ field: "security_level", operator: "in", value: ["basic"] }] })).not.toEqual([]);
    // Key ids: ints or numeric text (the service reads "12" as 12); other text is wrong.
    expect(await check(requestValidator("api_keys.delete"), { filters: [{ field: "id", operator: "in", value: [12, "13"] }] })).toEqual([]);
    expect((await check(requestValidator("api_keys.delete"), { filters: [{ field: "id", operator: "in", value: ["12a"] }] }))[0]).toMatch(/^filters\.0\.value\.0: /);
    expect((await check(keys(), { filters: [{ field: "id", operator: "in", value: [1.5] }] }))[0]).toMatch(/^filters\.0\.value\.0: /);
    expect((await check(keys(), { filters: [{ field: "expiration", operator: "in", value: [1] }] }))[0]).toMatch(/^filters\.0\.operator: expected one of "gte", "lte"/);

    const services = () => requestValidator("assets.get_external_services");
    expect(await check(services(), { filters: [{ field: "service_name", operator: "contains", value: "ssh" }, { field: "service_name", operator: "neq", value: "x" }, { field: "is_active", operator: "in", value: ["yes"] }] })).toEqual([]);
    expect((await check(services(), { filters: [{ field: "is_active", operator: "eq", value: "yes" }] }))[0]).toMatch(/^filters\.0\.operator: expected one of "in"/);
    expect(await check(requestValidator("assets.get_external_ip_address_ranges"), { filters: [{ field: "ipaddress_version", operator: "eq", value: "4" }] })).toEqual(["filters.0.value: Invalid input: expected number, received string"]);

    const issues = () => requestValidator("issue.search");
    expect(await check(issues(), { filters: [{ field: "severity", operator: "in", value: ["HIGH"] }, { field: "_insert_time", operator: "gte", value: 1 }] })).toEqual([]);
    expect((await check(issues(), { filters: [{ field: "severity", operator: "gte", value: 1 }] }))[0]).toMatch(/^filters\.0\.operator: expected one of "in"/);
    expect(await check(requestValidator("case.search"), { filters: [{ field: "status_progress", operator: "in", value: ["OPEN"] }] })).toEqual(["filters.0.value.0: Invalid input"]);

    const xsoar = () => requestValidator("xsoar.incidents.search");
    expect(await check(xsoar(), { filter: { status: [0, 2], level: [0.5], query: "-status:closed" } })).toEqual([]);
    expect(await check(xsoar(), { filter: { status: [7] } })).toEqual(["filter.status.0: Invalid input"]);
  });

  it("accepts the alternatives the reference documents", async () => {
    expect(await check(requestValidator("endpoints.scan"), { filters: "all" })).toEqual([]);
    expect(await check(requestValidator("endpoints.scan"), { filters: [{ field: "endpoint_id_list", operator: "in", value: ["a"] }] })).toEqual([]);
    expect(await check(requestValidator("endpoints.isolate"), { endpoint_id: "abc" })).toEqual([]);
  });
});

describe("validators: replies are lenient about real-world variations", () => {
  const incidents = () => responseValidator("incidents.get_incidents");

  it("accepts unknown extra fields, null where a value is documented, ids as string or number", async () => {
    expect(await check(incidents(), { total_count: 1, result_count: 1, incidents: [{ incident_id: "7", incident_name: null, brand_new_field: { x: 1 } }], extra: true })).toEqual([]);
    expect(await check(incidents(), { total_count: 1, result_count: 1, incidents: [{ incident_id: 7 }] })).toEqual([]);
  });

  it("accepts upper- and lower-case count and data keys", async () => {
    const keys = responseValidator("api_keys.get_api_keys");
    expect(await check(keys, { DATA: [{ id: 1, roles: ["a"], security_level: "advanced" }], FILTER_COUNT: 1, TOTAL_COUNT: 3 })).toEqual([]);
    expect(await check(keys, { data: [{ id: "1" }], filter_count: 1, total_count: 3 })).toEqual([]);
    expect((await check(keys, { DATA: "not a list" }))[0]).toMatch(/^data/);
  });

  it("accepts counts sent as numeric strings and enum values the spec does not list", async () => {
    expect(await check(responseValidator("endpoints.isolate"), { action_id: 123, endpoints_count: "673" })).toEqual([]);
    expect(await check(responseValidator("actions.get_action_status"), { data: { "0a1b": "SOMETHING_NEW" } })).toEqual([]);
  });

  it("still rejects wrong types", async () => {
    expect((await check(incidents(), { total_count: { n: 1 }, incidents: [] }))[0]).toMatch(/^total_count/);
    expect((await check(incidents(), { incidents: "nope" }))[0]).toMatch(/^incidents/);
    expect((await check(responseValidator("rbac.get_roles"), [{ not: "a list" }]))[0]).toMatch(/^0/);
  });
});

describe("validators: AND/OR filter trees typed per field", () => {
  const assets = () => requestValidator("assets");
  const condition = (field: string, type: string, value?: unknown) => ({ SEARCH_FIELD: field, SEARCH_TYPE: type, ...(value === undefined ? {} : { SEARCH_VALUE: value }) });

  it("accepts trees nested to any depth, search types in any case, in both body placements", async () => {
    let tree: object = { AND: [condition("xdm.asset.provider", "EQ", "AWS")] };
    for (let depth = 0; depth < 8; depth++) tree = depth % 2 === 0 ? { OR: [tree, condition("xdm.asset.name", "contains", "web")] } : { AND: [tree] };
    expect(await check(assets(), { filters: tree, search_from: 0, search_to: 100 })).toEqual([]);
    expect(await check(assets(), { request_data: { filters: tree } })).toEqual([]);
    const ok = [
      condition("xdm.asset.first_observed", "RANGE", { from: 1, to: 2 }),
      condition("xdm.asset.last_observed", "RELATIVE_TIMESTAMP", "86400000"),
      condition("xdm.asset.type.class", "NIN", ["Other"]),
      condition("xdm.asset.group_ids", "ARRAY_CONTAINS", "3"),
      condition("xdm.host.ipv4_addresses", "INCIDR", "10.0.0.0/8"),
      condition("xdm.asset.cloud.region", "IS_EMPTY"),
    ];
    expect(await check(assets(), { filters: { OR: ok } })).toEqual([]);
  });

  it("accepts a field the tenant defines (its asset schema has more than the documented ones) with any search type of the dialect", async () => {
    const tree = { AND: [condition("xdm.asset.tags", "ARRAY_CONTAINS", ["prod"]), { OR: [condition("xdm.asset.custom.owner", "EQ", 42), condition("xdm.asset.custom.flag", "IS_EMPTY")] }] };
    expect(await check(assets(), { filters: tree })).toEqual([]);
    expect(await check(requestValidator("asset_groups.create"), { asset_group: { group_name: "g", group_type: "Dynamic", membership_predicate: tree } })).toEqual([]);
    // Asset groups have a fixed set of fields: no tenant fields there.
    expect((await check(requestValidator("asset_groups"), { filters: { AND: [condition("XDM.ASSET_GROUP.OWNER", "EQ", "x")] } }))[0]).toMatch(/^filters\.AND\.0\.SEARCH_FIELD:/);
  });

  it("rejects a wrong field, search type or value anywhere in the tree and says which", async () => {
    const nested = (leaf: object) => ({ filters: { AND: [condition("xdm.asset.provider", "EQ", "AWS"), { OR: [{ AND: [leaf] }] }] } });
    expect((await check(assets(), nested({ SEARCH_FIELD: 5, SEARCH_TYPE: "EQ", SEARCH_VALUE: "red" })))[0]).toMatch(/^filters\.AND\.1\.OR\.0\.AND\.0\.SEARCH_FIELD: .*'xdm\.asset\.provider'/);
    expect((await check(assets(), nested(condition("xdm.asset.colour", "LIKE", "red"))))[0]).toMatch(/^filters\.AND\.1\.OR\.0\.AND\.0\.SEARCH_TYPE: expected one of "EQ", "NEQ"/);
    expect((await check(assets(), nested(condition("xdm.asset.provider", "GT", "AWS"))))[0]).toMatch(/^filters\.AND\.1\.OR\.0\.AND\.0\.SEARCH_TYPE: expected one of "EQ", "NEQ"/);
    expect(await check(assets(), nested(condition("xdm.asset.first_observed", "GTE", "today")))).toEqual(["filters.AND.1.OR.0.AND.0.SEARCH_VALUE: Invalid input: expected number, received string"]);
    expect(await check(assets(), nested(condition("xdm.asset.name", "IN", "web")))).toEqual(["filters.AND.1.OR.0.AND.0.SEARCH_VALUE: Invalid input: expected array, received string"]);
    expect((await check(assets(), nested(condition("xdm.asset.first_observed", "RANGE", { from: 1 }))))[0]).toMatch(/^filters\.AND\.1\.OR\.0\.AND\.0\.SEARCH_VALUE\.to:/);
    expect(await check(assets(), nested(condition("xdm.asset.name", "EQ")))).toEqual(["filters.AND.1.OR.0.AND.0.SEARCH_VALUE: Invalid input: expected string, received undefined"]);
    expect(await check(assets(), { filters: { XOR: [] } })).toEqual(["filters: expected an object with AND; or with OR"]);
    expect(await check(assets(), { filters: { AND: [{ FIELD: "x" }] } })).toEqual(["filters.AND.0: expected an object with SEARCH_FIELD, SEARCH_TYPE, SEARCH_VALUE; or with AND, OR"]);
    expect((await check(assets(), { filters: { AND: [], OR: [] } }))[0]).toMatch(/Unrecognized key.*OR/);
  });

  it("types asset groups by their own fields, and membership predicates by asset fields", async () => {
    const groups = () => requestValidator("asset_groups");
    expect(await check(groups(), { filters: { AND: [condition("XDM.ASSET_GROUP.TYPE", "EQ", "Dynamic"), condition("XDM.ASSET_GROUP.ID", "IN", [1, "2"]), condition("IS_USED_BY_SBAC", "EQ", false)] } })).toEqual([]);
    expect(await check(groups(), { filters: { AND: [condition("XDM.ASSET_GROUP.TYPE", "EQ", "Dynamo")] } })).toEqual(["filters.AND.0.SEARCH_VALUE: Invalid input"]);
    expect((await check(groups(), { filters: { AND: [condition("xdm.asset.provider", "EQ", "AWS")] } }))[0]).toMatch(/^filters\.AND\.0\.SEARCH_FIELD: .*'XDM\.ASSET_GROUP\.NAME'/);
    const create = () => requestValidator("asset_groups.create");
    const group = (predicate: object) => ({ asset_group: { group_name: "aws", group_type: "Dynamic", membership_predicate: predicate } });
    expect(await check(create(), group({ AND: [condition("xdm.asset.provider", "EQ", "AWS")] }))).toEqual([]);
    expect((await check(create(), group({ AND: [condition("xdm.asset.provider", "NIN", "AWS")] })))[0]).toMatch(/^asset_group\.membership_predicate\.AND\.0\.SEARCH_VALUE/);
    expect((await check(requestValidator("asset_groups.update.post_by_group_id"), group({ OR: [{ AND: [condition("xdm.asset.realm", "LT", 1)] }] })))[0]).toMatch(/SEARCH_TYPE: expected one of/);
  });

  it("publishes the tree as JSON Schema with an anchor its nested nodes refer back to", () => {
    const schema = requestJsonSchema("assets")?.properties?.["filters"];
    expect(schema?.$anchor).toBe("AssetFilter");
    expect(JSON.stringify(schema)).toContain('"$ref":"#AssetFilter"');
    expect(JSON.stringify(schema)).toContain('"$anchor":"AssetFilterCondition"');
    expect(requestJsonSchema("assets")?.properties?.["request_data"]?.properties?.["filters"]).toEqual({ $ref: "#AssetFilter" });
  });
});

describe("validators: the other operations' AND/OR trees, typed per operation", () => {
  const condition = (field: string, type: string, value?: unknown) => ({ SEARCH_FIELD: field, SEARCH_TYPE: type, ...(value === undefined ? {} : { SEARCH_VALUE: value }) });

  it("alerts by filter data: the reference's fields at any depth; a wrong field, search type or value is named by path", async () => {
    const alerts = () => requestValidator("alerts.get_alerts_by_filter_data");
    const body = (filter: object) => ({ filter_data: { paging: { from: 0, to: 50 }, filter } });
    const ok = { AND: [condition("severity", "EQ", "SEV_040_HIGH"), { OR: [condition("alert_name", "CONTAINS", "x"), { AND: [condition("agent_ip_addresses", "IPLIST_MATCH", "10.0.0.1")] }] }, condition("source_insert_ts", "RELATIVE_TIMESTAMP", "86400000"), condition("source_insert_ts", "RANGE", { from: 1, to: 2 })] };
    expect(await check(alerts(), body(ok))).toEqual([]);
    const nested = (leaf: object) => body({ AND: [condition("starred", "EQ", true), { OR: [leaf] }] });
    expect((await check(alerts(), nested(condition("colour", "EQ", "red"))))[0]).toMatch(/^filter_data\.filter\.AND\.1\.OR\.0\.SEARCH_FIELD: .*'internal_id'/);
    expect((await check(alerts(), nested(condition("alert_name", "IP_MATCH", "x"))))[0]).toMatch(/^filter_data\.filter\.AND\.1\.OR\.0\.SEARCH_TYPE: expected one of "EQ"/);
    expect(await check(alerts(), nested(condition("severity", "EQ", "high")))).toEqual(["filter_data.filter.AND.1.OR.0.SEARCH_VALUE: Invalid input"]);
    expect(await check(alerts(), nested(condition("source_insert_ts", "GTE", "today")))).toEqual(["filter_data.filter.AND.1.OR.0.SEARCH_VALUE: Invalid input: expected number, received string"]);
  });

  it("AppSec policies: conditions and scope by the spec's field tables", async () => {
    const post = () => requestValidator("appsec.policies.post");
    const policy = (conditions: object, scope: object) => ({ name: "p", conditions, scope, triggers: {} });
    const conditions = { AND: [{ OR: [condition("Finding Type", "EQ", "CAS_CVE_SCANNER")] }, condition("Severity", "EQ", "CRITICAL"), condition("EPSS", "GT", 50)] };
    const scope = { OR: [{ AND: [{ OR: [condition("category", "EQ", "APPLICATION")] }] }, { AND: [condition("application_business_criticality", "EQ", "CRITICAL"), condition("repository_provider", "EQ", "AWS_CODE_BUILD")] }] };
    expect(await check(post(), policy(conditions, scope))).toEqual([]);
    expect((await check(post(), policy({ AND: [condition("Finding Type", "NEQ", "CAS_CVE_SCANNER")] }, scope)))[0]).toMatch(/^conditions\.AND\.0\.SEARCH_TYPE: /);
    expect(await check(post(), policy(conditions, { AND: [{ OR: [condition("Is Public Repository", "EQ", "yes")] }] }))).toEqual(["scope.AND.0.OR.0.SEARCH_VALUE: Invalid input: expected boolean, received string"]);
    expect((await check(post(), policy(conditions, { AND: [condition("Severity", "EQ", "CRITICAL")] })))[0]).toMatch(/^scope\.AND\.0\.SEARCH_FIELD: /);
    expect((await check(requestValidator("appsec.policies.put_by_policy_id"), { conditions: { AND: [condition("CVSS", "LTE", "7")] } }))[0]).toMatch(/^conditions\.AND\.0\.SEARCH_VALUE: .*expected number/);
  });

  it("posture policy search, cloud onboarding lists and notification rules", async () => {
    expect(await check(requestValidator("policy.search"), { filter: { OR: [condition("name", "CONTAINS", "Cloud"), { AND: [condition("mode", "EQ", "CUSTOM"), condition("creation_time", "RANGE", { from: 1, to: 2 })] }] }, search_from: 0, search_to: 10 })).toEqual([]);
    expect((await check(requestValidator("policy.search"), { filter: { AND: [{ OR: [condition("creation_time", "GT", 1)] }] } }))[0]).toMatch(/^filter\.AND\.0\.OR\.0\.SEARCH_TYPE: /);
    const instances = () => requestValidator("cloud_onboarding.get_instances");
    expect(await check(instances(), { filter_data: { filter: { AND: [condition("CLOUD_PROVIDER", "EQ", "AWS"), condition("STATUS", "IN", ["CONNECTED"])] } } })).toEqual([]);
    expect(await check(instances(), { filter_data: { filter: { AND: [{ OR: [condition("CLOUD_PROVIDER", "EQ", "OCI")] }] } } })).toEqual(["filter_data.filter.AND.0.OR.0.SEARCH_VALUE: Invalid input"]);
    expect((await check(requestValidator("cloud_onboarding.get_accounts"), { instance_id: "i", filter_data: { filter: { AND: [condition("CLOUD_PROVIDER", "EQ", "AWS")] } } }))[0]).toMatch(/^filter_data\.filter\.AND\.0\.SEARCH_FIELD: /);
    const posture = (filter: object) => ({ name: "p", description: "d", rule_matching_type: "RULE_FILTER", asset_matching_type: "ALL_ASSETS", associated_rule_filter: filter });
    expect(await check(requestValidator("policy"), posture({ AND: [{ OR: [{ AND: [condition("cloudType", "EQ", "aws")] }] }, condition("labels", "ARRAY_CONTAINS", "test")] }))).toEqual([]);
    expect((await check(requestValidator("policy.patch_by_id"), { associated_rule_filter: { AND: [{ OR: [{ AND: [condition("severity", "GT", "low")] }] }] } }))[0]).toMatch(/^associated_rule_filter\.AND\.0\.OR\.0\.AND\.0\.SEARCH_TYPE: /);
    // The spec's null is taken, and a tree beside null is still checked: another key, or a scalar, is refused.
    expect(await check(requestValidator("policy.patch_by_id"), { associated_rule_filter: null })).toEqual([]);
    expect(await check(requestValidator("policy.patch_by_id"), { associated_rule_filter: { XOR: [] } })).toEqual(["associated_rule_filter: expected an object with AND; or with OR"]);
    expect(await check(requestValidator("policy.patch_by_id"), { associated_rule_filter: 1 })).toHaveLength(1);
    const rule = (filter: object) => ({ name: "r", forward_type: "alert", filter: { filter } });
    expect(await check(requestValidator("platform.notifications.rule"), rule({ AND: [condition("is_whitelisted", "EQ", false), { OR: [condition("severity", "IN", ["SEV_040_HIGH"])] }] }))).toEqual([]);
    expect((await check(requestValidator("platform.notifications.rule"), rule({ AND: [{ OR: [condition("severity", "LIKE", "x")] }] })))[0]).toMatch(/^filter\.filter\.AND\.0\.OR\.0\.SEARCH_TYPE: /);
  });
});
