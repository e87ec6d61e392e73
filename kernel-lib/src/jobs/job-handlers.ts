/**
 * The registry of job kinds. A job is `{ kind, params }`; the handler registered for the kind
 * validates the params and does the work, wherever the job runs (in-process now, a worker later).
 */
import type { z } from "zod";
import { Conflict, InvalidInput } from "../errors.js";
import { validate } from "../util/validate.js";
import type { JobHandler } from "./job-types.js";

const KIND = /^[a-z][a-z0-9-]{0,39}$/;

/** Job handlers keyed by kind. */
export class JobHandlers {
  private readonly byKind = new Map<string, JobHandler>();

  /** Adds the handler of `kind`; a kind is registered once. */
  register<S extends z.ZodType, R>(kind: string, handler: JobHandler<S, R>): this {
    if (!KIND.test(kind)) throw new InvalidInput(`Invalid job kind '${kind}': lowercase letters, digits and '-', at most 40.`);
    if (this.byKind.has(kind)) throw new Conflict(`A job handler for '${kind}' is already registered.`);
    this.byKind.set(kind, handler as unknown as JobHandler);
    return this;
  }

  /** The known kinds, sorted. */
  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  /** The handler of `kind`; an unknown kind is an InvalidInput naming the known ones. */
  get(kind: string): JobHandler {
    const handler = this.byKind.get(kind);
    if (!handler) {
      const known = this.kinds().join(", ") || "none";
      throw new InvalidInput(`Unknown job kind '${kind}' (known: ${known}).`, [{ path: "kind", message: `one of ${known}` }]);
    }
    return handler;
  }

  /** Validates `params` for `kind`, returning the parsed value the work receives. */
  parse(kind: string, params: unknown): unknown {
    return validate(this.get(kind).params, params, `params of the ${kind} job`);
  }
}
