/** The task check every model type's create() applies. */
import { InvalidInput } from "../../errors.js";
import type { Task } from "../types.js";

/** Throws InvalidInput unless `task` is one of the type's tasks. */
export function checkTask(type: string, task: unknown, tasks: readonly Task[]): Task {
  if (!tasks.includes(task as Task)) throw new InvalidInput(`Model type '${type}' supports the tasks ${tasks.join(" and ")}, not '${String(task)}'.`, [{ path: "task", message: `one of ${tasks.join(", ")}` }]);
  return task as Task;
}
