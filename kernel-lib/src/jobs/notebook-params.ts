/**
 * Reads the parameters a notebook declares: the code cell tagged `parameters` (as papermill and
 * jupyter-scheduler do) holds TypeScript declarations `const|let name = <literal>;`, each literal a
 * string, number or boolean. The TypeScript compiler's parser reads them, so comments, type
 * annotations and odd spacing are handled as the kernel itself would (tslab loads the same module).
 */
import ts from "typescript";
import { InvalidInput } from "../errors.js";
import { cellSource, hasTag, type NotebookCell, type NotebookDocument } from "./notebook-format.js";

/** The tag of the cell that declares parameters. */
export const PARAMETERS_TAG = "parameters";

/** Types a parameter can have. */
export type ParameterType = "string" | "number" | "boolean";

/** A value a parameter can take. */
export type ParameterValue = string | number | boolean;

/** One declared parameter. */
export interface NotebookParameter {
  name: string;
  type: ParameterType;
  /** The literal in the parameters cell. */
  default: ParameterValue;
  /** How it is declared; the injected cell re-declares it the same way. */
  keyword: "const" | "let" | "var";
}

/** The index of the first code cell tagged `parameters`, or -1 when the notebook takes none. */
export function parametersCellIndex(notebook: NotebookDocument): number {
  return notebook.cells.findIndex((c: NotebookCell) => c.cell_type === "code" && hasTag(c, PARAMETERS_TAG));
}

function literalOf(node: ts.Expression): { type: ParameterType; value: ParameterValue } | undefined {
  let e = node;
  // `"x" as const`, `(5)` and `5 satisfies number` are still literals
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { type: "string", value: e.text };
  if (ts.isNumericLiteral(e)) return { type: "number", value: Number(e.text) };
  if (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand)) {
    if (e.operator === ts.SyntaxKind.MinusToken) return { type: "number", value: -Number(e.operand.text) };
    if (e.operator === ts.SyntaxKind.PlusToken) return { type: "number", value: Number(e.operand.text) };
  }
  if (e.kind === ts.SyntaxKind.TrueKeyword) return { type: "boolean", value: true };
  if (e.kind === ts.SyntaxKind.FalseKeyword) return { type: "boolean", value: false };
  return undefined;
}

function keywordOf(list: ts.VariableDeclarationList): NotebookParameter["keyword"] {
  if (list.flags & ts.NodeFlags.Const) return "const";
  if (list.flags & ts.NodeFlags.Let) return "let";
  return "var";
}

/**
 * Parses a parameters cell's source. Every variable declared in it is a parameter and must be
 * initialized with a string, number or boolean literal; anything else is InvalidInput naming the line.
 */
export function parseParametersSource(source: string, where = "the parameters cell"): NotebookParameter[] {
  const file = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const line = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const syntax = (file as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (syntax.length > 0) {
    const d = syntax[0];
    const at = file.getLineAndCharacterOfPosition(d.start).line + 1;
    throw new InvalidInput(`${where} does not parse as TypeScript (line ${at}): ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  }
  const found: NotebookParameter[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const keyword = keywordOf(statement.declarationList);
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name)) {
        throw new InvalidInput(`${where}, line ${line(decl)}: declare one name per parameter (no destructuring), e.g. const ticker = "AAPL";`);
      }
      const name = decl.name.text;
      const literal = decl.initializer ? literalOf(decl.initializer) : undefined;
      if (!literal || (literal.type === "number" && !Number.isFinite(literal.value))) {
        throw new InvalidInput(
          `${where}, line ${line(decl)}: parameter '${name}' must be initialized with a string, number or boolean literal (e.g. const ${name} = 20;).`,
        );
      }
      if (found.some((p) => p.name === name)) throw new InvalidInput(`${where}, line ${line(decl)}: parameter '${name}' is declared twice.`);
      found.push({ name, type: literal.type, default: literal.value, keyword });
    }
  }
  return found;
}

/** The parameters a notebook declares (none when it has no cell tagged `parameters`). */
export function notebookParameters(notebook: NotebookDocument, where = "the notebook"): NotebookParameter[] {
  const index = parametersCellIndex(notebook);
  if (index < 0) return [];
  return parseParametersSource(cellSource(notebook.cells[index]), `The parameters cell (cell ${index}) of ${where}`);
}
