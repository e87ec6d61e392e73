#!/usr/bin/env node
// The `openquant` CLI entry point: runs the compiled CLI.
import("../dist/cli/main.js").then((m) => m.main(process.argv));
