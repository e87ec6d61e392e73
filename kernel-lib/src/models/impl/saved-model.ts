/** Checks a SavedModel handed to a model type's fromJSON before anything is parsed from it. */
import { InvalidInput } from "../../errors.js";
import type { SavedModel, Task } from "../types.js";

/** Returns the saved native file after checking type, format, task and features; throws InvalidInput naming what is wrong. */
export function savedFile(saved: SavedModel, type: string, format: string, file: string, tasks: readonly Task[]): string | Uint8Array {
  if (!saved || typeof saved !== "object") throw new InvalidInput(`A saved ${type} model must be an object (SavedModel).`);
  if (saved.type !== type) throw new InvalidInput(`This saved model is of type '${saved.type}', not '${type}'; load it with its own model type.`);
  if (saved.format !== format) throw new InvalidInput(`A saved ${type} model must be in format '${format}', not '${saved.format}'.`);
  if (!tasks.includes(saved.task)) throw new InvalidInput(`A saved ${type} model has task '${saved.task}'; expected one of ${tasks.join(", ")}.`);
  if (!Array.isArray(saved.featureNames) || saved.featureNames.length === 0) throw new InvalidInput(`The saved ${type} model lists no feature names.`);
  const content = saved.files?.[file];
  if (content === undefined) throw new InvalidInput(`The saved ${type} model has no file '${file}' (files: ${Object.keys(saved.files ?? {}).join(", ") || "none"}).`);
  return content;
}

/** A saved file as text (files may arrive as bytes from an artifact store). */
export function fileText(content: string | Uint8Array): string {
  return typeof content === "string" ? content : Buffer.from(content).toString("utf8");
}
