// The only esbuild importer: bundles a browser entry (TypeScript) into one minified IIFE, once per
// process, on first request. No build step before `npm start`; the result is kept in memory.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface ScriptBundle {
  code: Buffer;
  gzipped: Buffer;
  /** Strong ETag of the code. */
  etag: string;
}

export interface CreateScriptBundlerOptions {
  /** Absolute path of the entry file. */
  entry: string;
  /** Minify (default true). */
  minify?: boolean;
}

/** A function that builds the bundle the first time and hands back the same result afterwards. */
export function createScriptBundler(options: CreateScriptBundlerOptions): () => Promise<ScriptBundle> {
  let pending: Promise<ScriptBundle> | undefined;
  return () => {
    pending ??= bundle(options).catch((error: unknown) => {
      pending = undefined; // a failed build is retried on the next request
      throw error;
    });
    return pending;
  };
}

async function bundle(options: CreateScriptBundlerOptions): Promise<ScriptBundle> {
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    minify: options.minify ?? true,
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${options.entry}`);
  const code = Buffer.from(file.contents);
  const etag = `"${createHash("sha256").update(code).digest("base64url").slice(0, 27)}"`;
  return { code, gzipped: gzipSync(code, { level: 9 }), etag };
}
