import { describe, expect, it } from "vitest";
import { operationIdFor, snake } from "../generator/ids.js";

describe("operation ids", () => {
  it("keeps the walking-skeleton ids", () => {
    expect(operationIdFor("GET", "/public_api/v1/healthcheck", false, 1)).toBe("healthcheck");
    expect(operationIdFor("POST", "/public_api/v1/incidents/get_incidents", false, 1)).toBe("incidents.get_incidents");
    expect(operationIdFor("POST", "/public_api/v1/api_keys/generate", false, 1)).toBe("api_keys.generate");
  });

  it("names other version prefixes and families", () => {
    expect(operationIdFor("POST", "/public_api/v1/xql/start_xql_query", false, 1)).toBe("xql.start_xql_query");
    expect(operationIdFor("POST", "/public_api/v2/alerts/get_alerts_multi_events", false, 1)).toBe("v2.alerts.get_alerts_multi_events");
    expect(operationIdFor("POST", "/public_api/xql_library/get", false, 1)).toBe("xql_library.get");
    expect(operationIdFor("POST", "/public_api/uvem/v1/get_vulnerabilities", false, 1)).toBe("uvem.get_vulnerabilities");
    expect(operationIdFor("GET", "/public_api/appsec/v2/rules", false, 1)).toBe("appsec.v2.rules");
    expect(operationIdFor("GET", "/api/v1/rules/get", false, 1)).toBe("api.v1.rules.get");
  });

  it("turns path parameters into by_ segments and adds the method", () => {
    expect(operationIdFor("GET", "/public_api/v1/assets/{id}", false, 1)).toBe("assets.get_by_id");
    expect(operationIdFor("GET", "/public_api/v1/assets/{id}/raw_fields", false, 1)).toBe("assets.by_id.raw_fields");
    expect(operationIdFor("GET", "/platform/iam/v1/api-key/{api_key_id}", false, 2)).toBe("platform.iam.api_key.get_by_id");
    expect(operationIdFor("PUT", "/platform/iam/v1/api-key/{api_key_id}", false, 2)).toBe("platform.iam.api_key.put_by_id");
    expect(operationIdFor("POST", "/public_api/v1/case/update/{case-id}", false, 1)).toBe("case.update.post_by_case_id");
  });

  it("adds the method when several methods serve one path", () => {
    expect(operationIdFor("GET", "/platform/iam/v1/role", false, 2)).toBe("platform.iam.role.get");
    expect(operationIdFor("POST", "/platform/iam/v1/role", false, 2)).toBe("platform.iam.role.post");
  });

  it("puts XSOAR routes in the xsoar namespace, snake_cased", () => {
    expect(operationIdFor("POST", "/incidents/search", true, 1)).toBe("xsoar.incidents.search");
    expect(operationIdFor("POST", "/incident/batchClose", true, 1)).toBe("xsoar.incident.batch_close");
    expect(operationIdFor("POST", "/inv-playbook/task/delete/{investigationId}/{invPBTaskId}", true, 1)).toBe("xsoar.inv_playbook.task.delete.by_investigation_id.post_by_inv_pb_task_id");
  });

  it("snake_cases segments", () => {
    expect(snake("batchClose")).toBe("batch_close");
    expect(snake("authentication-settings")).toBe("authentication_settings");
    expect(snake("exportToCsv")).toBe("export_to_csv");
    expect(snake("invPBTaskId")).toBe("inv_pb_task_id");
  });
});
