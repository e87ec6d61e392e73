// Marks a CommonJS build folder so Node loads its .js files with require(), inside a "type": "module" package.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: mark-cjs.mjs <dir>");
writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
