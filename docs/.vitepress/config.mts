import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type DefaultTheme } from "vitepress";
import { guides } from "../guides/order.js";

const docsDir = fileURLToPath(new URL("..", import.meta.url));

/** The API reference sidebar typedoc writes (typedoc-vitepress-theme), when the reference was built. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = `${docsDir}api/typedoc-sidebar.json`;
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[];
}

const products = [
  ["xdr", "Cortex XDR"],
  ["xsiam", "Cortex XSIAM"],
  ["xsoar", "Cortex XSOAR"],
  ["xpanse", "Cortex Xpanse"],
  ["cloud", "Cortex Cloud"],
] as const;

export default defineConfig({
  title: "Cortex SDK for TypeScript",
  description: "Typed clients, a command line and a local emulator for the Palo Alto Networks Cortex APIs.",
  base: process.env["DOCS_BASE"] ?? "/",
  lang: "en-US",
  // No favicon file: an empty one keeps browsers from asking for /favicon.ico (a 404 in the console).
  head: [["link", { rel: "icon", href: "data:," }]],
  srcExclude: ["scripts/**", "README.md", "node_modules/**"],
  // A broken internal link fails the build (VitePress checks every Markdown link).
  ignoreDeadLinks: false,
  lastUpdated: false,
  cleanUrls: false,
  markdown: { theme: { light: "github-light", dark: "github-dark" } },
  vite: { build: { chunkSizeWarningLimit: 4000 } },
  themeConfig: {
    nav: [
      { text: "Guides", link: "/guides/getting-started", activeMatch: "/guides/" },
      { text: "Operations", link: "/operations/", activeMatch: "/operations/" },
      { text: "API reference", link: "/api/", activeMatch: "/api/" },
    ],
    sidebar: {
      "/guides/": [{ text: "Guides", items: guides.map(([slug, text]) => ({ text, link: `/guides/${slug}` })) }],
      "/operations/": [
        { text: "Operation catalogue", link: "/operations/" },
        { text: "Products", items: products.map(([slug, text]) => ({ text, link: `/operations/${slug}` })) },
      ],
      "/api/": [{ text: "API reference", link: "/api/", items: apiSidebar() }],
    },
    outline: { level: [2, 3] },
    search: {
      provider: "local",
      options: {
        // Operation entries are indexed by their heading (the id) and facts (path, vendor name, method,
        // command); their field tables and examples stay out of the index to keep it small.
        _render(src, env, md) {
          const page = String(env.relativePath ?? "");
          if (page.startsWith("operations/")) return md.render(src.replace(/<!-- fields -->[\s\S]*?<!-- \/fields -->/g, ""), env);
          // The API reference is found by its symbol names (the headings); its tables stay out of the index.
          if (page.startsWith("api/")) return md.render(src.split("\n").filter((line) => /^#{1,4} /.test(line)).join("\n\n"), env);
          return md.render(src, env);
        },
        miniSearch: { searchOptions: { fuzzy: 0.1, prefix: true, boost: { title: 4, text: 2, titles: 1 } } },
      },
    },
    footer: { message: "Released under the MIT License." },
  },
});
