// The changelog lines `changeset version` writes. Two differences from the default writer:
// - names that Markdown would mangle (`DEMISTO_*`, `CORTEX_API_KEY`, `__proto__`) are put in code spans,
//   so an environment-variable family no longer renders as italics;
// - the packages share one version (the `fixed` group), so the dependency note is one line per release
//   instead of one "Updated dependencies" line per changeset.
// CommonJS because @changesets/apply-release-plan loads it with require().
"use strict";

/** A word Markdown would turn into emphasis, or an environment-variable name. */
const MANGLED = /^(?=[\w*/.-]*[*_])[\w*/.-]*[A-Za-z0-9*_]$/;

/**
 * Puts names Markdown would mangle in code spans, leaving existing code spans, links and URLs alone.
 *
 * @param {string} line
 * @returns {string}
 */
function protectNames(line) {
  return line
    .split(/(`[^`]*`|\[[^\]]*\]\([^)]*\)|https?:\/\/\S+)/)
    .map((part, index) => {
      if (index % 2 === 1) return part;
      return part.replace(/(^|[\s(])([\w*/.-]+?)(?=[\s),.;:!?]*(?:\s|$))/g, (match, before, word) => {
        if (!MANGLED.test(word) || !/[*]|[A-Z0-9]_[A-Z0-9]|__/.test(word)) return match;
        return `${before}\`${word}\``;
      });
    })
    .join("");
}

/** @type {import("@changesets/types").GetReleaseLine} */
async function getReleaseLine(changeset) {
  const lines = changeset.summary.split("\n").map((line) => protectNames(line.trimEnd()));
  const [first = "", ...rest] = lines;
  const commit = changeset.commit ? `${changeset.commit.slice(0, 7)}: ` : "";
  return [`- ${commit}${first}`, ...rest.map((line) => (line === "" ? "" : `  ${line}`))].join("\n");
}

/** @type {import("@changesets/types").GetDependencyReleaseLine} */
async function getDependencyReleaseLine(_changesets, dependenciesUpdated) {
  const names = [...new Set(dependenciesUpdated.map((dependency) => `\`${dependency.name}@${dependency.newVersion}\``))].sort();
  return names.length === 0 ? "" : `- Updated dependencies: ${names.join(", ")}`;
}

module.exports = { default: { getReleaseLine, getDependencyReleaseLine }, getReleaseLine, getDependencyReleaseLine, protectNames };
