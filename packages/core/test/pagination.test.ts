import { afterEach, describe, expect, it } from "vitest";
import { CortexPaginationError } from "../src/index.js";
import { harness, INCIDENTS_PATH, type Harness } from "./helpers.js";

const json = { "content-type": "application/json" };
let current: Harness | undefined;
afterEach(async () => {
  await current?.client.close();
  await current?.agent.close();
  current = undefined;
});

interface Item {
  incident_id: string;
}

/** Serves `total` incidents with offset paging, failing some requests with 429, 503 or a reset first. */
function serveIncidents(h: Harness, total: number, faultEvery = 0): { requests: number } {
  const stats = { requests: 0 };
  h.pool
    .intercept({ path: INCIDENTS_PATH, method: "POST" })
    .reply((options) => {
      stats.requests += 1;
      if (faultEvery > 0 && stats.requests % faultEvery === 0) {
        const kind = (stats.requests / faultEvery) % 2;
        return kind === 0
          ? { statusCode: 429, data: "Too many requests" }
          : { statusCode: 503, data: "Service Unavailable" };
      }
      const body = JSON.parse(String(options.body)) as { request_data: { search_from?: number; search_to?: number } };
      const from = body.request_data.search_from ?? 0;
      const to = body.request_data.search_to ?? 100;
      const incidents: Item[] = [];
      for (let id = from; id < Math.min(to, total); id++) incidents.push({ incident_id: String(id + 1) });
      return { statusCode: 200, data: { reply: { total_count: total, result_count: incidents.length, incidents } }, responseOptions: { headers: json } };
    })
    .persist();
  return stats;
}

describe("offset pagination", () => {
  it("returns every item exactly once across 10,000 items with injected 429s and 503s", async () => {
    current = harness({ retry: { maxRetries: 4, baseDelayMs: 0, maxDelayMs: 0 } });
    serveIncidents(current, 10_000, 7);
    const ids: string[] = [];
    for await (const item of current.client.paginate<unknown, Item>("incidents.get_incidents", {})) ids.push(item.incident_id);
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids[0]).toBe("1");
    expect(ids.at(-1)).toBe("10000");
  });

  it("awaiting a list gives the first page; collect honours the limit", async () => {
    current = harness();
    const stats = serveIncidents(current, 250);
    const first = (await current.client.paginate<{ incidents: Item[] }, Item>("incidents.get_incidents", { search_to: 50 })) as { incidents: Item[] };
    expect(first.incidents).toHaveLength(50);
    const some = await current.client.paginate<unknown, Item>("incidents.get_incidents", {}).collect({ limit: 130 });
    expect(some.map((item) => item.incident_id)).toEqual(Array.from({ length: 130 }, (_, index) => String(index + 1)));
    expect(stats.requests).toBe(1 + 2);
  });

  it("resumes from a cursor without losing or repeating items", async () => {
    current = harness();
    serveIncidents(current, 230);
    const list = current.client.paginate<unknown, Item>("incidents.get_incidents", {}, { pageSize: 100 });
    const pages = list.pages();
    const firstPage = await pages.next();
    await pages.return(undefined);
    const cursor = firstPage.done === true ? undefined : firstPage.value.cursor;
    expect(cursor).toEqual({ operationId: "incidents.get_incidents", offset: 100 });
    const rest: string[] = [];
    for await (const item of current.client.paginate<unknown, Item>("incidents.get_incidents", {}, cursor === undefined ? {} : { cursor }).items()) rest.push(item.incident_id);
    expect(rest).toEqual(Array.from({ length: 130 }, (_, index) => String(index + 101)));
  });

  it("drops an item repeated at a page boundary", async () => {
    current = harness();
    let call = 0;
    current.pool
      .intercept({ path: INCIDENTS_PATH, method: "POST" })
      .reply(() => {
        call += 1;
        // A new incident arrived between the calls, shifting the second page by one.
        const pages = [[{ incident_id: "a" }, { incident_id: "b" }], [{ incident_id: "b" }, { incident_id: "c" }], []];
        const incidents = pages[call - 1] ?? [];
        return { statusCode: 200, data: { reply: { total_count: 99, result_count: incidents.length, incidents } }, responseOptions: { headers: json } };
      })
      .persist();
    const ids: string[] = [];
    for await (const item of current.client.paginate<unknown, Item>("incidents.get_incidents", {}, { pageSize: 2 })) ids.push(item.incident_id);
    expect(ids).toEqual(["a", "b", "c"]);
  });

  it("refuses to loop when the service ignores the offset", async () => {
    current = harness();
    current.pool
      .intercept({ path: INCIDENTS_PATH, method: "POST" })
      .reply(200, { reply: { total_count: 1000, result_count: 2, incidents: [{ incident_id: "1" }, { incident_id: "2" }] } }, { headers: json })
      .persist();
    const error = await current.client.paginate<unknown, Item>("incidents.get_incidents", {}, { pageSize: 2 }).collect({ limit: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexPaginationError);
  });
});
