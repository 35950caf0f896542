/**
 * The datasets XQL queries read, built from the tenant's world:
 *
 * | dataset | one row per | fields |
 * |---|---|---|
 * | `alerts` | alert | {@link ALERT_DATASET_FIELDS} of the get_alerts record, `_time` = `detection_timestamp` |
 * | `endpoints` | endpoint | {@link ENDPOINT_DATASET_FIELDS} of the get_endpoint record, `_time` = `last_seen` |
 * | `incidents` | incident | {@link INCIDENT_DATASET_FIELDS} of the get_incidents record, `_time` = `creation_time` |
 * | `xdr_data` | alert (its triggering event) | `_time`, `event_id`, `agent_id`, `agent_hostname`, `event_type`, `actor_process_*`, `action_*`, `dns_query_name`, `user_name` |
 * | lookup datasets | row | as added with `lookups/add_data` |
 */
import { alertView } from "../../data/alerts.js";
import type { XdrWorld } from "./world.js";
import type { XqlRow } from "./xql.js";

/** Fields of the `alerts` dataset (names as in get_alerts records). */
export const ALERT_DATASET_FIELDS = [
  "alert_id",
  "name",
  "category",
  "severity",
  "source",
  "host_name",
  "host_ip",
  "endpoint_id",
  "case_id",
  "resolution_status",
  "user_name",
  "action",
  "starred",
  "detection_timestamp",
  "local_insert_ts",
] as const;

/** Fields of the `endpoints` dataset (names as in get_endpoint records). */
export const ENDPOINT_DATASET_FIELDS = [
  "endpoint_id",
  "endpoint_name",
  "endpoint_type",
  "endpoint_status",
  "os_type",
  "ip",
  "public_ip",
  "users",
  "group_name",
  "endpoint_version",
  "first_seen",
  "last_seen",
] as const;

/** Fields of the `incidents` dataset (names as in get_incidents records). */
export const INCIDENT_DATASET_FIELDS = [
  "incident_id",
  "incident_name",
  "status",
  "severity",
  "alert_count",
  "creation_time",
  "modification_time",
  "assigned_user_mail",
  "starred",
] as const;

/** System datasets every XDR world has. */
export const SYSTEM_DATASETS = ["alerts", "endpoints", "incidents", "xdr_data"] as const;

function pick(record: Record<string, unknown>, fields: readonly string[], time: unknown): XqlRow {
  const row: XqlRow = { _time: time };
  for (const field of fields) row[field] = record[field] ?? null;
  return row;
}

/** Rows of a dataset, or `undefined` when the world has no such dataset. */
export function datasetRows(world: XdrWorld, name: string): readonly XqlRow[] | undefined {
  switch (name) {
    case "alerts":
      return world.alerts.map((alert) => {
        const view = alertView(alert, undefined);
        return pick(view, ALERT_DATASET_FIELDS, alert.detection_timestamp);
      });
    case "endpoints":
      return world.endpoints.map((endpoint) => {
        const record: Record<string, unknown> = {
          endpoint_id: endpoint.id,
          endpoint_name: endpoint.name,
          endpoint_type: endpoint.endpointType,
          endpoint_status: endpoint.status,
          os_type: endpoint.platform === "windows" ? "AGENT_OS_WINDOWS" : endpoint.platform === "linux" ? "AGENT_OS_LINUX" : "AGENT_OS_MAC",
          ip: [endpoint.ip],
          public_ip: endpoint.publicIp,
          users: [...endpoint.users],
          group_name: [endpoint.group],
          endpoint_version: endpoint.version,
          first_seen: endpoint.firstSeen,
          last_seen: endpoint.lastSeen,
        };
        return pick(record, ENDPOINT_DATASET_FIELDS, endpoint.lastSeen);
      });
    case "incidents":
      return world.tenant.incidents.map((incident) =>
        pick(incident as unknown as Record<string, unknown>, INCIDENT_DATASET_FIELDS, incident.creation_time),
      );
    case "xdr_data":
      return world.alerts.map((alert) => ({
        _time: alert.detection_timestamp,
        event_id: `evt-${alert.alert_id}`,
        agent_id: alert.endpoint_id,
        agent_hostname: alert.host_name,
        event_type: alert.remote_ip !== null ? "NETWORK" : alert.file_sha256 !== null ? "FILE" : "PROCESS",
        actor_process_image_name: alert.process,
        actor_process_command_line: alert.command_line,
        action_local_ip: alert.local_ip,
        action_remote_ip: alert.remote_ip,
        action_remote_port: alert.remote_port,
        dns_query_name: alert.domain,
        action_file_sha256: alert.file_sha256,
        user_name: alert.user_name,
      }));
    default:
      return world.lookups.get(name)?.rows;
  }
}
