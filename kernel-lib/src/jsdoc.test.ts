/**
 * Every export of the public barrel, and every public member of an exported class, carries a JSDoc
 * comment: tslab shows them on completion and hover, so an undocumented export is a blank tooltip.
 * The TypeScript compiler walks the barrel's declarations; a gap fails naming the export and file.
 */
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, inject, it } from "vitest";

const libRoot = join(inject("home"), "kernel-lib");

function program(): { checker: ts.TypeChecker; barrel: ts.SourceFile } {
  const config = ts.getParsedCommandLineOfConfigFile(join(libRoot, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("kernel-lib/tsconfig.json did not parse");
  const p = ts.createProgram([join(libRoot, "src", "index.ts")], { ...config.options, noEmit: true });
  return { checker: p.getTypeChecker(), barrel: p.getSourceFile(join(libRoot, "src", "index.ts")) as ts.SourceFile };
}

/** A `/** … *\/` comment right before the node (or its export statement, for `export { X } from "pkg"`). */
function hasLeadingJsDoc(node: ts.Node): boolean {
  const holder = ts.isExportSpecifier(node) ? node.parent.parent : node;
  const text = holder.getSourceFile().getFullText();
  return (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? []).some((r) => text.slice(r.pos, r.pos + 3) === "/**" && text[r.pos + 3] !== "/");
}

/** Documented when the symbol, or any re-export on the way to it, has a JSDoc comment. */
function documented(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  let current: ts.Symbol | undefined = symbol;
  for (let hops = 0; current && hops < 10; hops++) {
    if (ts.displayPartsToString(current.getDocumentationComment(checker)).trim()) return true;
    if ((current.declarations ?? []).some(hasLeadingJsDoc)) return true;
    if (!(current.flags & ts.SymbolFlags.Alias)) return false;
    current = checker.getImmediateAliasedSymbol(current);
  }
  return false;
}

function where(symbol: ts.Symbol): string {
  const d = symbol.declarations?.[0];
  return d ? relative(libRoot, d.getSourceFile().fileName) : "?";
}

/** Undocumented exports and public class members, as `name (file)`. */
function undocumented(): Map<string, string> {
  const { checker, barrel } = program();
  const gaps = new Map<string, string>();
  const moduleSymbol = checker.getSymbolAtLocation(barrel) as ts.Symbol;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    if (!documented(checker, exported)) gaps.set(exported.name, where(checker.getAliasedSymbol(exported)));
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(target.flags & ts.SymbolFlags.Class)) continue;
    for (const declaration of target.declarations ?? []) {
      if (!ts.isClassDeclaration(declaration)) continue;
      for (const member of declaration.members) {
        if (ts.isConstructorDeclaration(member) || ts.isClassStaticBlockDeclaration(member) || !member.name || ts.isPrivateIdentifier(member.name)) continue;
        if (ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        const symbol = checker.getSymbolAtLocation(member.name);
        if (symbol && !documented(checker, symbol)) gaps.set(`${exported.name}.${symbol.name}`, where(symbol));
      }
    }
  }
  return gaps;
}

describe("JSDoc on the public API", () => {
  it("documents every export of src/index.ts and every public member of its classes", () => {
    const gaps = undocumented();
    const missing = [...gaps].map(([name, file]) => `${name} (${file})`);
    expect(missing, "add a /** one-line */ comment to each").toEqual([]);
  }, 120_000);

  it("finds a gap when there is one (the walker is not blind)", () => {
    const source = ts.createSourceFile("x.ts", "export const a = 1;\n/** Documented. */\nexport const b = 2;\n", ts.ScriptTarget.ES2022, true);
    const [first, second] = source.statements;
    expect(hasLeadingJsDoc(first)).toBe(false);
    expect(hasLeadingJsDoc(second)).toBe(true);
    const plain = ts.createSourceFile("y.ts", "// not JSDoc\nexport const c = 3;\n/* a block comment */\nexport const d = 4;\n/**/\nexport const e = 5;\n", ts.ScriptTarget.ES2022, true);
    expect(plain.statements.map(hasLeadingJsDoc)).toEqual([false, false, false]);
  });
});
