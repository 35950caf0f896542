/**
 * `cxctl xdr ...`: XDR commands.
 *
 * @module
 */
import { XdrClient, type Incident, type IncidentFilter, type IncidentStatus } from "@cortex-sdk/xdr";
import { Command, Option } from "commander";
import { clientOptionsFrom, withConnectionFlags, type ConnectionFlags } from "../connection.js";
import type { CliIo } from "../io.js";
import { chooseFormat, OUTPUT_FORMATS, UsageError, writeRows, type Column } from "../output.js";

const INCIDENT_COLUMNS: readonly Column<Incident>[] = [
  { header: "ID", cell: (incident) => incident.incident_id },
  { header: "SEVERITY", cell: (incident) => String(incident.severity) },
  { header: "STATUS", cell: (incident) => String(incident.status) },
  { header: "CREATED", cell: (incident) => new Date(incident.creation_time).toISOString() },
  { header: "NAME", cell: (incident) => incident.incident_name ?? incident.description ?? "" },
];

interface IncidentsListFlags extends ConnectionFlags {
  readonly status?: string;
  readonly limit?: string;
  readonly all?: boolean;
  readonly output?: string;
}

/**
 * Builds `cxctl xdr`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function xdrCommand(io: CliIo): Command {
  const xdr = new Command("xdr").description("Cortex XDR commands");
  const incidents = new Command("incidents").description("Cortex XDR incidents");
  withConnectionFlags(
    incidents
      .command("list")
      .description("list incidents, newest first")
      .option("--status <status>", "only incidents with this status (e.g. new, under_investigation)")
      .option("--limit <n>", "most incidents to print (default 100; with --all, no limit)")
      .option("--all", "follow pagination through every incident")
      .addOption(new Option("-o, --output <format>", "output format").choices(OUTPUT_FORMATS))
      .addHelpText("after", "\nExample:\n  cxctl xdr incidents list --status new --limit 20 --output table"),
  ).action(async (flags: IncidentsListFlags) => {
    const format = chooseFormat(flags.output, io.stdout);
    const limit = flags.limit === undefined ? (flags.all === true ? undefined : 100) : parseLimit(flags.limit);
    const filters: IncidentFilter[] = flags.status === undefined ? [] : [{ field: "status", operator: "eq", value: flags.status as IncidentStatus }];
    const client = new XdrClient(clientOptionsFrom(flags, io));
    try {
      const list = client.incidents.list({ filters, sort: { field: "creation_time", keyword: "desc" } }, limit === undefined ? {} : { limit });
      const count = await writeRows(list.items(), format, INCIDENT_COLUMNS, io.stdout);
      if (format === "table") io.stderr.write(`${count} incident${count === 1 ? "" : "s"}\n`);
    } finally {
      await client.close();
    }
  });
  xdr.addCommand(incidents);
  return xdr;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new UsageError(`--limit must be a positive whole number; got "${value}".`);
  return limit;
}
