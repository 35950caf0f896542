/**
 * The public methods each workflow class of @cortex-sdk/workflows declares (its own and inherited), read
 * from the TypeScript sources with the compiler: the manifest lists them beside the operations.
 *
 * @module
 */
import { join } from "node:path";
import ts from "typescript";

/** What the generator needs to know of the exported workflow classes. */
export interface WorkflowClasses {
  /** Class name → sorted public method names. */
  readonly methods: ReadonlyMap<string, readonly string[]>;
  /** The classes that take the product's operation shapes map as a type parameter (`EndpointResponseActions<S>`). */
  readonly generic: ReadonlySet<string>;
}

/**
 * Reads the exported classes of a package entry: their public methods and which are generic over the
 * product's shapes map.
 *
 * @param entry - The package's `src/index.ts`.
 * @returns The methods per class and the generic classes.
 */
export function workflowClasses(entry: string): WorkflowClasses {
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true });
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
  return { methods: out, generic };
}

/** The workflows package entry, from the repository root. */
export function workflowsEntry(root: string): string {
  return join(root, "packages", "workflows", "src", "index.ts");
}
