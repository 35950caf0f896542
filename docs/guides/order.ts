/** The guides, in reading order: file name (without .md) and sidebar title. */
export const guides: readonly (readonly [slug: string, title: string])[] = [
  ["getting-started", "Getting started"],
];
