/**
 * The DuckDB database file: opened once per process (DuckDB allows one writer per file,
 * DESIGN.md decision 2), with a clear error when another process holds it.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { Conflict } from "../../errors.js";
import { migrate } from "./migrations.js";

/** An open DuckDB file and its connection. */
export class Database {
  private constructor(
    /** Path of the database file. */
    readonly path: string,
    private readonly instance: DuckDBInstance,
    /** The connection all statements of this process run on. */
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the DuckDB file at `path` and applies pending migrations; ":memory:" for a throwaway database. */
  static async open(path: string): Promise<Database> {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (error) {
      const message = (error as Error).message;
      const holder = /PID (\d+)/.exec(message)?.[1];
      if (/lock/i.test(message)) {
        throw new Conflict(
          `The database ${path} is open in another process${holder ? ` (PID ${holder})` : ""}. ` +
            "DuckDB allows one writer per file: use the running sidecar (set OPENQUANT_API_URL, which " +
            "JupyterLab sets for its kernels) or stop the other process.",
          [],
          { cause: error },
        );
      }
      throw error;
    }
    const connection = await instance.connect();
    await migrate(connection);
    return new Database(path, instance, connection);
  }

  /** DuckDB's version, read with a query so that it proves the database answers. */
  async version(): Promise<string> {
    const reader = await this.connection.runAndReadAll("SELECT version() AS v");
    return String(reader.getRowObjects()[0].v);
  }

  /** Closes the connection and the file (checkpointing the WAL). */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
