import { describe, expect, it } from "vitest";
import { hashOf, PageIds } from "../src/page-ids.js";

describe("PageIds", () => {
  it("knows exactly the ids it was made with, short or long, however many", () => {
    const ids = Array.from({ length: 1_000 }, (_, index) => (index % 3 === 0 ? `${"p".repeat(40)}${index}${"s".repeat(40)}` : String(index)));
    const page = new PageIds(ids);
    for (const id of ids) expect(page.has(id)).toBe(true);
    for (let index = 1_000; index < 2_000; index++) expect(page.has(String(index))).toBe(false);
    // Same length, same first and last 16 characters: the same hash, told apart by equality.
    expect(page.has(`${"p".repeat(40)}${1}${"s".repeat(40)}`)).toBe(false);
    expect(page.has(`${"p".repeat(40)}${3}${"s".repeat(40)}`)).toBe(true);
    expect(page.has("")).toBe(false);
  });

  it("accepts repeated ids and an empty page", () => {
    const page = new PageIds(["a", "a", "b", ""]);
    expect(page.has("a")).toBe(true);
    expect(page.has("")).toBe(true);
    expect(page.has("c")).toBe(false);
    expect(PageIds.EMPTY.has("a")).toBe(false);
    expect(page.ids).toEqual(["a", "a", "b", ""]);
  });

  it("refilled, holds only the ids added since, in a table grown when a page is larger", () => {
    const page = new PageIds(["a", "b", "c"]);
    const before = page.ids;
    page.refill(2);
    expect(page.has("a")).toBe(false);
    expect(page.ids).toEqual([]);
    // The array handed out before (a cursor's seenIds) is not changed.
    expect(before).toEqual(["a", "b", "c"]);
    const ids = Array.from({ length: 100 }, (_, index) => `id-${index}`);
    page.refill(ids.length);
    for (const id of ids) page.add(id, hashOf(id));
    for (const id of ids) expect(page.hasHashed(id, hashOf(id))).toBe(true);
    expect(page.has("b")).toBe(false);
    expect(page.ids).toEqual(ids);
    page.refill(1);
    page.add("b", hashOf("b"));
    expect(page.has("b")).toBe(true);
    expect(page.has("id-1")).toBe(false);
    // Refilled again and again, a table keeps no slot of an earlier fill (else it would fill up and an
    // insert would probe forever).
    const small = new PageIds([]);
    for (let round = 0; round < 20; round++) {
      small.refill(3);
      for (const id of ["x", "y", `z${round}`]) small.add(id, hashOf(id));
      expect(small.has(`z${round}`)).toBe(true);
      expect(small.has(`z${round - 1}`)).toBe(false);
    }
  });
});
