/**
 * Type tests of the XSOAR version in the client's type: a client built with `xsoarVersion: 8` requires
 * `name` to create an incident (XSOAR 8 refuses one without it); one built for 6, or whose version comes from
 * the environment, does not (XSOAR 6's rule is unknown). Checked by `tsc` with the package's typecheck: each
 * `@ts-expect-error` fails the build if its line compiles.
 */
import { XsoarClient, type Xsoar8Client, type Xsoar8IncidentsNamespace, type XsoarIncidentsNamespace } from "../../src/index.js";

declare const eight: XsoarClient<8>;
declare const six: XsoarClient<6>;
declare const unknown: XsoarClient;

// The constructor infers the version from xsoarVersion.
export const built = (): Xsoar8Client => new XsoarClient({ xsoarVersion: 8 });
export const fromEnv = (): XsoarClient => new XsoarClient();
export const hover: Xsoar8IncidentsNamespace = eight.incidents;
export const neutral: XsoarIncidentsNamespace = six.incidents;
// An XSOAR 8 client is a client: functions taking any XsoarClient take it.
export const widened: XsoarClient = eight;

export async function calls(): Promise<void> {
  await eight.incidents.create({ name: "Phishing report", severity: 2, createInvestigation: true });
  // @ts-expect-error XSOAR 8 requires name
  await eight.incidents.create({ severity: 2 });
  // @ts-expect-error not a field of the incident request
  await eight.incidents.create({ name: "x", sevirity: 2 });
  // @ts-expect-error a field of the wrong type
  await eight.incidents.create({ name: "x", severity: "high" });
  await eight.incidents.save({ name: "raw create" });
  await eight.incidents.save({ id: "42", version: 3, severity: 1 });
  // @ts-expect-error a raw create on XSOAR 8 names the incident (or an update names its id)
  await eight.incidents.save({ severity: 1 });
  // XSOAR 6, and a version not known when compiling: name stays optional.
  await six.incidents.create({ severity: 2 });
  await unknown.incidents.create({ severity: 2 });
  // @ts-expect-error the create fields are the operation's request fields, on every version
  await unknown.incidents.create({ sevirity: 2 });
}
