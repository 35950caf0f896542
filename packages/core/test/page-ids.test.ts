import { describe, expect, it } from "vitest";
import { PageIds } from "../src/page-ids.js";

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
});
