import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors.js";
import { loadSettings } from "./load.js";
import { ensureTokenFile, readTokenFile, tokenPath } from "./token.js";

const freshDir = () => mkdtempSync(join(tmpdir(), "oq-token-"));

describe("the sidecar's token file", () => {
  it("is created once, private to its owner, and reused afterwards", () => {
    const dir = join(freshDir(), "data");
    expect(readTokenFile(dir)).toBeUndefined();
    const first = ensureTokenFile(dir);
    expect(first.created).toBe(true);
    expect(first.path).toBe(tokenPath(dir));
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    // 32 random bytes, base64url: 43 characters
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = ensureTokenFile(dir);
    expect(again).toEqual({ token: first.token, path: first.path, created: false });
    expect(readFileSync(first.path, "utf8").trim()).toBe(first.token);
    expect(ensureTokenFile(freshDir()).token).not.toBe(first.token);
  });

  it("makes a copy that others could read private again", () => {
    const dir = freshDir();
    const { path, token } = ensureTokenFile(dir);
    chmodSync(path, 0o644);
    expect(readTokenFile(dir)).toBe(token);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("refuses a file that holds no valid token, saying what to do", () => {
    const dir = freshDir();
    writeFileSync(tokenPath(dir), "short\n", { mode: 0o600 });
    expect(() => readTokenFile(dir)).toThrow(InvalidInput);
    expect(() => readTokenFile(dir)).toThrow(/Delete it/);
  });

  it("is what loadSettings finds when OPENQUANT_TOKEN is not set, and OPENQUANT_TOKEN wins over it", () => {
    const home = freshDir();
    const dataDir = join(home, "data");
    const { token } = ensureTokenFile(dataDir);
    expect(loadSettings({ home, env: {} }).server.token).toBe(token);
    expect(loadSettings({ home, env: { OPENQUANT_TOKEN: "from-the-environment-1234" } }).server.token).toBe("from-the-environment-1234");
    // with auth off there is no token to send
    expect(loadSettings({ home, env: { OPENQUANT_AUTH: "none" } }).server.token).toBeUndefined();
  });
});

describe("server settings", () => {
  it("reads allowedHosts and auth from configs/server.yaml, overridden by the environment", () => {
    const home = freshDir();
    const configs = join(home, "configs");
    mkdirSync(configs);
    writeFileSync(join(configs, "server.yaml"), "allowedHosts: [api, .corp.example]\nauth: none\n");
    const fromYaml = loadSettings({ home, env: {} }).server;
    expect(fromYaml.allowed_hosts).toEqual(["api", ".corp.example"]);
    expect(fromYaml.auth).toBe("none");
    const fromEnv = loadSettings({ home, env: { OPENQUANT_ALLOWED_HOSTS: "a.example, b.example", OPENQUANT_AUTH: "token" } }).server;
    expect(fromEnv.allowed_hosts).toEqual(["a.example", "b.example"]);
    expect(fromEnv.auth).toBe("token");
  });

  it("names the variable and what is allowed for a bad auth mode or token, without echoing the token", () => {
    const home = freshDir();
    expect(() => loadSettings({ home, env: { OPENQUANT_AUTH: "off" } })).toThrow(/OPENQUANT_AUTH \(setting 'server.auth'\).*"token"\|"none"/s);
    const secret = "has spaces in it {and braces}";
    let message = "";
    try {
      loadSettings({ home, env: { OPENQUANT_TOKEN: secret } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/OPENQUANT_TOKEN \(setting 'server.token'\): letters, digits/);
    expect(message).not.toContain(secret);
  });
});
