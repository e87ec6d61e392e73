/**
 * Artifacts through MLflow's artifact proxy: a run's root `mlflow-artifacts:/<exp>/<run>/artifacts`
 * maps to `PUT|GET /api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<path>`; listings go
 * through `GET /api/2.0/mlflow/artifacts/list`, which answers with paths relative to the run's root.
 */
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { InvalidInput } from "../errors.js";
import type { MlflowHttp, RequestBody } from "./http.js";
import type { ArtifactFile } from "./types.js";
import { artifactProxyPath, checkArtifactPath } from "./uris.js";
import { type FileInfoJson, toArtifactFile } from "./wire-types.js";

/** What to upload: bytes or text in memory, or a file on disk (streamed, not read into memory). */
export type ArtifactSource = { data: string | Uint8Array } | { file: string };

async function bodyOf(source: ArtifactSource): Promise<RequestBody> {
  if ("file" in source) {
    const info = await stat(source.file).catch(() => undefined);
    if (!info?.isFile()) {
      throw new InvalidInput(`Cannot log artifact: '${source.file}' is not a readable file.`, [{ path: "file", message: "a file path" }]);
    }
    return { raw: async () => ({ body: await openAsBlob(source.file), contentType: "application/octet-stream" }) };
  }
  const bytes = typeof source.data === "string" ? Buffer.from(source.data, "utf8") : source.data;
  return { raw: async () => ({ body: new Blob([bytes]), contentType: "application/octet-stream" }) };
}

/** Uploads one file to `path` under the run's artifact root (`artifactUri`); overwrites an existing one. */
export async function uploadArtifact(
  http: MlflowHttp,
  artifactUri: string,
  path: string,
  source: ArtifactSource,
  timeoutMs?: number,
): Promise<void> {
  const body = await bodyOf(source);
  await http.request({ method: "PUT", path: artifactProxyPath(artifactUri, path), body, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Downloads the file at `path` under the run's artifact root into memory. */
export async function downloadArtifact(http: MlflowHttp, artifactUri: string, path: string, timeoutMs?: number): Promise<Buffer> {
  const response = await http.request({ method: "GET", path: artifactProxyPath(artifactUri, path), ...(timeoutMs ? { timeoutMs } : {}) });
  return Buffer.from(await response.arrayBuffer());
}

/** Streams the file at `path` under the run's artifact root to `destination` (written to a temp file, then renamed). */
export async function downloadArtifactToFile(
  http: MlflowHttp,
  artifactUri: string,
  path: string,
  destination: string,
  timeoutMs?: number,
): Promise<void> {
  const response = await http.request({ method: "GET", path: artifactProxyPath(artifactUri, path), ...(timeoutMs ? { timeoutMs } : {}) });
  await mkdir(dirname(destination), { recursive: true });
  const temp = `${destination}.${process.pid}.${Date.now()}.part`;
  try {
    const body = response.body ? Readable.fromWeb(response.body as NodeReadableStream) : Readable.from([]);
    await pipeline(body, createWriteStream(temp));
    await rename(temp, destination);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The files and folders directly under `path` (default: the root) of run `runId`; `recursive` walks into folders. */
export async function listArtifacts(http: MlflowHttp, runId: string, path?: string, recursive = false): Promise<ArtifactFile[]> {
  const files: ArtifactFile[] = [];
  let pageToken: string | undefined;
  do {
    const answer = await http.json<{ files?: FileInfoJson[]; next_page_token?: string }>({
      method: "GET",
      path: "/api/2.0/mlflow/artifacts/list",
      query: { run_id: runId, path: path === undefined ? undefined : checkArtifactPath(path), page_token: pageToken },
    });
    files.push(...(answer.files ?? []).map(toArtifactFile));
    pageToken = answer.next_page_token || undefined;
  } while (pageToken);
  if (!recursive) return files;
  const nested: ArtifactFile[] = [];
  for (const file of files) {
    nested.push(file);
    if (file.isDir) nested.push(...(await listArtifacts(http, runId, file.path, true)));
  }
  return nested;
}
