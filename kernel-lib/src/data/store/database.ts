/**
 * The DuckDB database file: opened once per process (DuckDB allows one writer per file,
 * DESIGN.md decision 2), with a clear error when another process holds it.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { Conflict } from "../../errors.js";
import { migrate } from "./migrations.js";

/** Connections kept for reads; as many as libuv runs DuckDB calls at once by default. */
const READERS = 4;

/** An open DuckDB file and its connection. */
export class Database {
  private readonly idleReaders: DuckDBConnection[] = [];
  private readonly waiting: Array<(conn: DuckDBConnection) => void> = [];
  private readers = 0;
  private closed = false;

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

  /**
   * Runs read-only work on a connection of its own (up to four at once, then in turn): reads then
   * run in parallel with each other and with writes on `connection`, and see committed data only.
   */
  async read<T>(task: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.leaseReader();
    try {
      return await task(conn);
    } finally {
      const next = this.waiting.shift();
      if (next) next(conn);
      else if (this.closed) conn.closeSync();
      else this.idleReaders.push(conn);
    }
  }

  private async leaseReader(): Promise<DuckDBConnection> {
    const idle = this.idleReaders.pop();
    if (idle) return idle;
    if (this.readers >= READERS) return new Promise((resolve) => this.waiting.push(resolve));
    this.readers++;
    return this.instance.connect();
  }

  /** Closes the connections and the file (checkpointing the WAL). */
  close(): void {
    this.closed = true;
    for (const conn of this.idleReaders.splice(0)) conn.closeSync();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
