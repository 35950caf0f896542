import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { CortexPaginationError, decodeCursor, encodeCursor, PagePromise, type Page } from "../src/index.js";
import { harness, INCIDENTS_PATH, readJson, sendJson, startServer, testClient, uniqueBaseUrl, type Harness } from "./helpers.js";

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
    expect(cursor).toMatchObject({ operationId: "incidents.get_incidents", kind: "offset", offset: 100 });
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

  it("drops every item of the page before wherever it reappears (numeric and long ids too), keeps the rest in order, and cuts at the limit", async () => {
    current = harness();
    // Long ids that differ only in the middle hash alike on purpose: equality still tells them apart.
    const long = (middle: string): string => `${"x".repeat(20)}${middle}${"y".repeat(20)}`;
    const served = [
      [{ incident_id: "a" }, { incident_id: 7 }, { incident_id: long("1") }, { incident_id: "d" }],
      [{ incident_id: "e" }, { incident_id: "7" }, { incident_id: long("2") }, { incident_id: long("1") }, { incident_id: "a" }, { incident_id: "f" }],
      [{ incident_id: "g" }, { incident_id: "h" }],
    ];
    let call = 0;
    current.pool
      .intercept({ path: INCIDENTS_PATH, method: "POST" })
      .reply(() => {
        const incidents = served[call++] ?? [];
        return { statusCode: 200, data: { reply: { total_count: 99, result_count: incidents.length, incidents } }, responseOptions: { headers: json } };
      })
      .persist();
    const pages: Page<{ incidents: unknown[] }, { incident_id: string | number }>[] = [];
    for await (const page of current.client.paginate<{ incidents: unknown[] }, { incident_id: string | number }>("incidents.get_incidents", {}, { pageSize: 6 }).pages({ limit: 8 })) pages.push(page);
    expect(pages.map((page) => page.items.map((item) => item.incident_id))).toEqual([
      ["a", 7, long("1"), "d"],
      ["e", long("2"), "f"],
      ["g"],
    ]);
    // Nothing dropped: the reply's own list; something dropped: a list of its own, the reply untouched.
    expect(pages[0]?.items).toBe(pages[0]?.reply.incidents);
    expect(pages[1]?.reply.incidents).toHaveLength(6);
    expect(pages[2]?.reply.incidents).toHaveLength(2);
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

describe("every pagination kind", () => {
  it("keeps paging past the 9,999 total cap until a short page", async () => {
    current = harness();
    const total = 10_050;
    current.pool
      .intercept({ path: "/public_api/v1/alerts/get_alerts_multi_events", method: "POST" })
      .reply((options) => {
        const { request_data: data } = JSON.parse(String(options.body)) as { request_data: { search_from: number; search_to: number } };
        const alerts = [];
        for (let id = data.search_from; id < Math.min(data.search_to, total); id++) alerts.push({ alert_id: id });
        return { statusCode: 200, data: { reply: { total_count: Math.min(total, 9_999), result_count: alerts.length, alerts } }, responseOptions: { headers: json } };
      })
      .persist();
    const ids = await current.client.paginate<unknown, { alert_id: number }>("alerts.get_alerts", {}).collect({ limit: 20_000 });
    expect(ids).toHaveLength(total);
    expect(new Set(ids.map((alert) => alert.alert_id)).size).toBe(total);
  });

  it("stops at the total even when the service keeps answering past it", async () => {
    current = harness();
    let served = 0;
    current.pool
      .intercept({ path: INCIDENTS_PATH, method: "POST" })
      .reply(() => {
        // Ignores the offsets and always hands out 100 new incidents: paging must end at total_count.
        const incidents = Array.from({ length: 100 }, () => ({ incident_id: String(++served) }));
        return { statusCode: 200, data: { reply: { total_count: 250, result_count: 100, incidents } }, responseOptions: { headers: json } };
      })
      .persist();
    const items = await current.client.paginate<unknown, Item>("incidents.get_incidents", {}).collect({ limit: 10_000 });
    expect(items).toHaveLength(300);
    expect(served).toBe(300);
  });

  it("reads nothing from a cursor past the total", async () => {
    current = harness();
    const stats = serveIncidents(current, 250);
    const items = await current.client.paginate<unknown, Item>("incidents.get_incidents", {}, { cursor: { operationId: "incidents.get_incidents", kind: "offset", offset: 400 } }).collect({ limit: 10 });
    expect(items).toEqual([]);
    expect(stats.requests).toBe(1);
  });

  it("resumes from a cursor string, dropping an item that shifted across the boundary in between", async () => {
    current = harness();
    let shift = 0;
    current.pool
      .intercept({ path: INCIDENTS_PATH, method: "POST" })
      .reply((options) => {
        const { request_data: data } = JSON.parse(String(options.body)) as { request_data: { search_from: number; search_to: number } };
        const incidents: Item[] = [];
        for (let index = data.search_from; index < Math.min(data.search_to, 200 + shift); index++) incidents.push({ incident_id: String(index - shift) });
        return { statusCode: 200, data: { reply: { total_count: 200 + shift, result_count: incidents.length, incidents } }, responseOptions: { headers: json } };
      })
      .persist();
    const pages = current.client.paginate<unknown, Item>("incidents.get_incidents", {}).pages();
    const first = await pages.next();
    await pages.return(undefined);
    const cursor = first.done === true ? undefined : first.value.cursor;
    if (cursor === undefined) throw new Error("no cursor");
    // A new incident arrives at the top between the runs: offset 100 now holds incident 99 again.
    shift = 1;
    const rest = await current.client.paginate<unknown, Item>("incidents.get_incidents", {}, { cursor: encodeCursor(cursor) }).collect({ limit: 1_000 });
    const all = [...(first.done === true ? [] : first.value.items), ...rest].map((item) => Number(item.incident_id));
    expect(all).toEqual(Array.from({ length: 200 }, (_, index) => index));
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(() => decodeCursor("not-a-cursor")).toThrowError(CortexPaginationError);
  });

  it("pages with filter_data.paging from/to", async () => {
    current = harness();
    const bodies: unknown[] = [];
    current.pool
      .intercept({ path: "/public_api/v1/alerts/get_alerts_by_filter_data", method: "POST" })
      .reply((options) => {
        const body = JSON.parse(String(options.body)) as { request_data: { filter_data: { paging: { from: number; to: number } } } };
        bodies.push(body.request_data);
        const { from, to } = body.request_data.filter_data.paging;
        const alerts = [];
        for (let id = from; id < Math.min(to, 120); id++) alerts.push({ alert_id: id });
        return { statusCode: 200, data: { reply: { total_count: 120, alerts } }, responseOptions: { headers: json } };
      })
      .persist();
    const filter = { AND: [{ SEARCH_FIELD: "severity", SEARCH_TYPE: "EQ", SEARCH_VALUE: "SEV_040_HIGH" }] };
    const alerts = await current.client.paginate<unknown, { alert_id: number }>("alerts.get_alerts_by_filter_data", { filter_data: { filter, sort: [{ FIELD: "source_insert_ts", ORDER: "DESC" }] } }).collect({ limit: 1_000 });
    expect(alerts.map((alert) => alert.alert_id)).toEqual(Array.from({ length: 120 }, (_, index) => index));
    expect(bodies).toHaveLength(3);
    expect(bodies[1]).toEqual({ filter_data: { filter, sort: [{ FIELD: "source_insert_ts", ORDER: "DESC" }], paging: { from: 50, to: 100 } } });
  });

  it("pages with use_page_token / next_page_token, and refuses a repeated token", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const baseUrl = uniqueBaseUrl();
    const { client } = testClient({ baseUrl, dispatcher: agent }, "xpanse");
    const bodies: Record<string, unknown>[] = [];
    const pages: Record<string, { items: number[]; next?: string }> = { first: { items: [1, 2], next: "t1" }, t1: { items: [3, 4], next: "t2" }, t2: { items: [5] } };
    agent
      .get(baseUrl)
      .intercept({ path: "/public_api/v1/assets/get_assets_internet_exposure", method: "POST" })
      .reply((options) => {
        const data = (JSON.parse(String(options.body)) as { request_data: Record<string, unknown> }).request_data;
        bodies.push(data);
        const page = pages[typeof data["next_page_token"] === "string" ? data["next_page_token"] : "first"] ?? { items: [] };
        return { statusCode: 200, data: { reply: { total_count: 5, assets_internet_exposure: page.items.map((id) => ({ asm_ids: id })), next_page_token: page.next } }, responseOptions: { headers: json } };
      })
      .persist();
    try {
      const items = await client.paginate<unknown, { asm_ids: number }>("assets.get_assets_internet_exposure", { filters: [{ field: "type", operator: "in", value: ["domain"] }], search_from: 0, search_to: 2 }).collect({ limit: 100 });
      expect(items.map((item) => item.asm_ids)).toEqual([1, 2, 3, 4, 5]);
      expect(bodies[0]).toMatchObject({ use_page_token: true, search_from: 0, search_to: 2 });
      expect(bodies[1]).toEqual({ filters: [{ field: "type", operator: "in", value: ["domain"] }], next_page_token: "t1" });

      pages["t1"] = { items: [3, 4], next: "t1" };
      const error = await client.paginate("assets.get_assets_internet_exposure", {}).collect({ limit: 100 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexPaginationError);
    } finally {
      await client.close();
      await agent.close();
    }
  });

  it("pages XSOAR searches with page/size inside the filter, under the XSOAR 8 prefix", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const baseUrl = uniqueBaseUrl();
    const { client } = testClient({ baseUrl, dispatcher: agent, xsoarVersion: 8, securityLevel: "standard" }, "xsoar");
    const filters: unknown[] = [];
    agent
      .get(baseUrl)
      .intercept({ path: "/xsoar/public/v1/incidents/search", method: "POST" })
      .reply((options) => {
        const body = JSON.parse(String(options.body)) as { filter: { page: number; size: number } };
        filters.push(body.filter);
        const { page, size } = body.filter;
        const data = [];
        for (let index = page * size; index < Math.min((page + 1) * size, 230); index++) data.push({ id: String(index) });
        return { statusCode: 200, data: { total: 230, data }, responseOptions: { headers: json } };
      })
      .persist();
    try {
      const items = await client.paginate<unknown, { id: string }>("xsoar.incidents.search", { filter: { query: "status:Active" } }).collect({ limit: 1_000 });
      expect(items).toHaveLength(230);
      expect(filters).toEqual([0, 1, 2].map((page) => ({ query: "status:Active", page, size: 100 })));
    } finally {
      await client.close();
      await agent.close();
    }
  });
});

describe("exactness over real HTTP with faults", () => {
  it("returns every one of 10,000 items exactly once with 429s, 503s and connection resets injected", async () => {
    let requests = 0;
    const faults = { throttled: 0, unavailable: 0, reset: 0 };
    const server = await startServer((request, response) => {
      void readJson(request).then((body) => {
        requests += 1;
        if (requests % 13 === 0) {
          faults.reset += 1;
          request.socket.destroy();
          return;
        }
        if (requests % 7 === 0) {
          faults.throttled += 1;
          sendJson(response, 429, { reply: { err_code: 429, err_msg: "Too many requests", err_extra: null } });
          return;
        }
        if (requests % 11 === 0) {
          faults.unavailable += 1;
          response.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
          return;
        }
        const data = body["request_data"] as { search_from: number; search_to: number };
        const incidents: Item[] = [];
        for (let id = data.search_from; id < Math.min(data.search_to, 10_000); id++) incidents.push({ incident_id: String(id) });
        sendJson(response, 200, { reply: { total_count: 10_000, result_count: incidents.length, incidents } });
      });
    });
    const { client } = testClient({ baseUrl: server.url, retry: { maxRetries: 5, baseDelayMs: 0, maxDelayMs: 0 } });
    try {
      const seen = new Map<string, number>();
      for await (const item of client.paginate<unknown, Item>("incidents.get_incidents", {})) seen.set(item.incident_id, (seen.get(item.incident_id) ?? 0) + 1);
      expect(seen.size).toBe(10_000);
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
      expect(faults.reset).toBeGreaterThan(5);
      expect(faults.throttled).toBeGreaterThan(5);
      expect(faults.unavailable).toBeGreaterThan(5);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe("boundary de-duplication over real HTTP", () => {
  it("drops only the page before's ids as page sizes shrink and grow, and each cursor keeps its own page's ids", async () => {
    // Ids of two pages back come again (kept: only the page before counts), pages shrink and grow (the
    // tables reused from page to page must hold exactly one page's ids), the last one is empty.
    const served = [
      ["a", "b", "c", "d"],
      ["d", "e"],
      ["a", "b", "e", "f"],
      ["c", "d", "f", "g"],
      ["h", "i", "j", "k", "l", "m", "n", "o", "p", "q"],
      ["q", "c", "a"],
      [],
    ];
    let call = 0;
    const server = await startServer((request, response) => {
      void readJson(request).then(() => {
        const incidents = (served[call++] ?? []).map((id) => ({ incident_id: id }));
        sendJson(response, 200, { reply: { total_count: 999, result_count: incidents.length, incidents } });
      });
    });
    const { client } = testClient({ baseUrl: server.url });
    try {
      const pages: Page<unknown, Item>[] = [];
      for await (const page of client.paginate<unknown, Item>("incidents.get_incidents", {}, { pageSize: 12 }).pages()) pages.push(page);
      expect(pages.map((page) => page.items.map((item) => item.incident_id))).toEqual([
        ["a", "b", "c", "d"],
        ["e"],
        ["a", "b", "f"],
        ["c", "d", "g"],
        ["h", "i", "j", "k", "l", "m", "n", "o", "p", "q"],
        ["c", "a"],
        [],
      ]);
      // Each cursor resumes after its own page: the ids it holds are that page's, whatever came later.
      expect(pages.slice(0, -1).map((page) => page.cursor?.seenIds)).toEqual(served.slice(0, -1));
      expect(pages.at(-1)?.cursor).toBeUndefined();
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe("item iteration", () => {
  type FakePage = Page<unknown, string>;
  const response = { status: 200, headers: {}, requestId: "r", callId: "c", attempts: 1, operationId: "op" };

  /** A page iteration over `pages` of items that records what was fetched and whether it was closed. */
  function listOf(pages: readonly (readonly string[] | Error)[]): { list: PagePromise<unknown, string>; fetched: number[]; closed: boolean[] } {
    const fetched: number[] = [];
    const closed: boolean[] = [];
    async function* iterate(): AsyncGenerator<FakePage, void, undefined> {
      try {
        for (const [index, page] of pages.entries()) {
          fetched.push(index);
          await Promise.resolve();
          if (page instanceof Error) throw page;
          yield { reply: {}, items: page, index, cursor: undefined, response };
        }
      } finally {
        closed.push(true);
      }
    }
    return { list: new PagePromise<unknown, string>(() => Promise.reject(new Error("not used")), () => iterate()), fetched, closed };
  }

  it("hands out every item in order, past empty pages, and answers calls that were not awaited in order", async () => {
    const { list } = listOf([["a", "b"], [], ["c"], [], []]);
    const seen: string[] = [];
    for await (const item of list) seen.push(item);
    expect(seen).toEqual(["a", "b", "c"]);
    const iterator = listOf([["a"], ["b", "c"]]).list.items();
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(results).toEqual([
      { value: "a", done: false },
      { value: "b", done: false },
      { value: "c", done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
  });

  it("closes the page iteration on break without fetching another page", async () => {
    const { list, fetched, closed } = listOf([["a", "b"], ["c", "d"], ["e"]]);
    const seen: string[] = [];
    for await (const item of list) {
      seen.push(item);
      if (item === "c") break;
    }
    expect(seen).toEqual(["a", "b", "c"]);
    expect(fetched).toEqual([0, 1]);
    expect(closed).toEqual([true]);
  });

  it("rejects with a page's error after handing out the items before it, then is done", async () => {
    const failure = new CortexPaginationError("pagination", "page 2 failed");
    const iterator = listOf([["a"], failure, ["never"]]).list.items();
    expect(await iterator.next()).toEqual({ value: "a", done: false });
    await expect(iterator.next()).rejects.toBe(failure);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("closes the page iteration when disposed (await using), where the runtime knows Symbol.asyncDispose", async () => {
    const asyncDispose = (Symbol as { readonly asyncDispose?: symbol }).asyncDispose;
    if (asyncDispose === undefined) return;
    const { list, closed } = listOf([["a"], ["b"]]);
    const iterator = list.items() as unknown as Record<symbol, () => Promise<void>> & AsyncIterator<string>;
    await iterator.next();
    await iterator[asyncDispose]?.();
    expect(closed).toEqual([true]);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("closes the page iteration when thrown into, and rejects with the error", async () => {
    const { list, closed } = listOf([["a", "b"], ["c"]]);
    const iterator = list.items();
    await iterator.next();
    const failure = new Error("stop");
    await expect(iterator.throw(failure)).rejects.toBe(failure);
    expect(closed).toEqual([true]);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
