/**
 * The routes the emulator answers that the operation table lacks, with why each is there. Every other
 * specific operation carries the table's id for its method and path (a test holds them to it).
 *
 * @module
 */

/** Operation id → why the emulator serves it although the table has no entry for it. */
export const ROUTES_OUTSIDE_THE_TABLE: Readonly<Record<string, string>> = {
  "xsoar.about": "the SDK's hand-written XSOAR operation (the server version; in no spec)",
  "xsoar.incident.load": "the SDK's hand-written XSOAR operation (one incident by id; in no spec)",
  "xsoar.investigation": "the SDK's hand-written XSOAR operation (an investigation's entries; in no spec)",
  "xsoar.incident.close": "XSOAR's close route (reference §2.6, XSOAR 8 docs), in no spec",
  "download.file": "the SDK's hand-written download of a file-retrieval link (the link is a reply value, not a documented route)",
  "download.post": "the same download link with POST (the emulator takes either method)",
  "emulator.scope_enforcement.get": "the emulator's own switch for a tenant's scope enforcement (the console's setting has no API)",
  "emulator.scope_enforcement.set": "the emulator's own switch for a tenant's scope enforcement (the console's setting has no API)",
  "distributions.download": "the installer link the emulator hands out in get_dist_url replies (a reply value, not a documented route)",
};
