/**
 * The public methods each workflow class of @cortex-sdk/workflows declares (its own and inherited), read
 * from the TypeScript sources with the compiler: the manifest lists them beside the operations. Also which
 * subpath of the package (`@cortex-sdk/workflows/xql`, ...) exports each name, so a generated client
 * imports each workflow from its concern's subpath and its declarations load no other product's workflows.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";

/** What the generator needs to know of the exported workflow classes. */
export interface WorkflowClasses {
  /** Class name → sorted public method names. */
  readonly methods: ReadonlyMap<string, readonly string[]>;
  /** The classes that take the product's operation shapes map as a type parameter (`EndpointResponseActions<S>`). */
  readonly generic: ReadonlySet<string>;
  /** Exported name → the package subpath that exports it (`@cortex-sdk/workflows/response-actions`). */
  readonly subpaths: ReadonlyMap<string, string>;
}

/**
 * Reads the exported classes of a package entry: their public methods and which are generic over the
 * product's shapes map; and the subpath entries of its `exports` map with the names each exports.
 *
 * @param entry - The package's `src/index.ts`.
 * @returns The methods per class, the generic classes and the subpath of every exported name.
 */
export function workflowClasses(entry: string): WorkflowClasses {
  const packageDir = dirname(dirname(entry));
  const subpathEntries = subpathSources(packageDir);
  const program = ts.createProgram([entry, ...subpathEntries.values()], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (source === undefined) throw new Error(`clients: cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`clients: ${entry} is not a module`);
  const out = new Map<string, readonly string[]>();
  const generic = new Set<string>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
    const declaration = symbol.valueDeclaration;
    if (declaration === undefined) continue;
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    if (((instance as ts.InterfaceType).typeParameters?.length ?? 0) > 0) generic.add(exported.getName());
    const methods = checker
      .getPropertiesOfType(instance)
      .filter((property) => property.flags & ts.SymbolFlags.Method)
      .filter((property) => !(ts.getCombinedModifierFlags(property.valueDeclaration as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)))
      .map((property) => property.getName())
      .filter((name) => !name.startsWith("#") && !name.startsWith("__"))
      .sort();
    out.set(exported.getName(), methods);
  }
  const subpaths = new Map<string, string>();
  for (const [subpath, file] of subpathEntries) {
    const subpathSource = program.getSourceFile(file);
    const subpathModule = subpathSource === undefined ? undefined : checker.getSymbolAtLocation(subpathSource);
    if (subpathModule === undefined) throw new Error(`clients: cannot read ${file} (the entry of ${subpath})`);
    for (const exported of checker.getExportsOfModule(subpathModule)) {
      const other = subpaths.get(exported.getName());
      if (other !== undefined) throw new Error(`clients: ${exported.getName()} is exported by both ${other} and ${subpath}; export it from one concern's subpath`);
      subpaths.set(exported.getName(), subpath);
    }
  }
  for (const name of out.keys()) if (!subpaths.has(name)) throw new Error(`clients: the workflow class ${name} is exported by no subpath of @cortex-sdk/workflows; add it to its folder's index.ts`);
  return { methods: out, generic, subpaths };
}

/** The subpaths of the package's `exports` map (`./xql` → `@cortex-sdk/workflows/xql`) and their source entries. */
function subpathSources(packageDir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { name: string; exports: Record<string, string | { types?: string }> };
  const out = new Map<string, string>();
  for (const [key, target] of Object.entries(manifest.exports)) {
    if (key === "." || typeof target === "string" || target.types === undefined) continue;
    const built = /^\.\/dist\/(.+)\.d\.ts$/.exec(target.types);
    if (built === null) throw new Error(`clients: ${manifest.name} exports ${key} from ${target.types}, not a dist/*.d.ts file`);
    out.set(`${manifest.name}/${key.slice(2)}`, join(packageDir, "src", `${built[1] ?? ""}.ts`));
  }
  return out;
}

/** The workflows package entry, from the repository root. */
export function workflowsEntry(root: string): string {
  return join(root, "packages", "workflows", "src", "index.ts");
}
