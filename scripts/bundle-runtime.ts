// `npm run build:image` (after `next build`): completes Next's standalone output (.next/standalone) into a
// folder that runs Vigil without the source tree, tsx or dev dependencies — what the container image copies.
// 1. Bundles the three entry points (web server, worker, CLI) with esbuild; npm packages stay external.
// 2. Traces the files those bundles need at run time (node_modules, native addons, Prisma's WASM) with the
//    same tracer Next uses for its own output (@vercel/nft) and copies them next to Next's traced files.
// 3. Copies static assets, public/ and the migrations; drops onnxruntime binaries for other platforms
//    (~250 MB: only linux-x64 runs in the image).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const { nodeFileTrace } = require("next/dist/compiled/@vercel/nft") as {
  nodeFileTrace: (files: string[], opts: { base: string }) => Promise<{ fileList: Set<string> }>;
};

const ROOT = process.cwd();
const OUT = join(ROOT, ".next/standalone");
export const ENTRY_POINTS = { start: "scripts/start.ts", worker: "workers/main.ts", cli: "scripts/cli.ts" };
/** onnxruntime-node ships prebuilt binaries per OS and CPU; the image is linux-x64. */
const FOREIGN_ONNX = /node_modules\/onnxruntime-node\/bin\/napi-v\d+\/(darwin|win32|linux\/arm64)\//;

if (!existsSync(join(OUT, "server.js"))) {
  console.error(
    "[bundle] .next/standalone/server.js is missing: run `next build` first (output: standalone)",
  );
  process.exit(1);
}

// Bundled outside the standalone folder first: the tracer resolves packages from the bundles' location, and
// must find them in the project's complete node_modules, not in the standalone's partial one.
const bundleDir = join(ROOT, ".next/vigil-bundle");
rmSync(bundleDir, { recursive: true, force: true });
await build({
  entryPoints: ENTRY_POINTS,
  outdir: bundleDir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  // ESM output of code that calls require() (Prisma's generated client, CommonJS helpers).
  banner: {
    js: "import { createRequire as __vigilRequire } from 'node:module'; const require = __vigilRequire(import.meta.url);",
  },
});

const bundles = Object.keys(ENTRY_POINTS).map((name) => join(bundleDir, `${name}.mjs`));
const { fileList } = await nodeFileTrace(bundles, { base: ROOT });
let copied = 0;
for (const file of fileList) {
  if (!file.startsWith("node_modules/") || FOREIGN_ONNX.test(file)) continue;
  const target = join(OUT, file);
  if (existsSync(target)) continue;
  const source = join(ROOT, file);
  if (statSync(source).isDirectory()) continue;
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target);
  copied++;
}

// The tracer sees onnxruntime's binding but not the shared library the binding loads (libonnxruntime.so.1).
const onnxBin = join(ROOT, "node_modules/onnxruntime-node/bin");
for (const napi of existsSync(onnxBin) ? readdirSync(onnxBin) : []) {
  const linux = join(onnxBin, napi, "linux/x64");
  if (existsSync(linux)) cpSync(linux, join(OUT, relative(ROOT, linux)), { recursive: true });
}

rmSync(join(OUT, "vigil"), { recursive: true, force: true });
cpSync(bundleDir, join(OUT, "vigil"), { recursive: true });

// Next traces onnxruntime's every platform when a route imports it: remove what the image cannot run.
function removeForeign(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (FOREIGN_ONNX.test(`${relative(OUT, path)}/`)) rmSync(path, { recursive: true, force: true });
    else if (entry.isDirectory()) removeForeign(path);
  }
}
removeForeign(join(OUT, "node_modules/onnxruntime-node/bin"));

cpSync(join(ROOT, ".next/static"), join(OUT, ".next/static"), { recursive: true });
if (existsSync(join(ROOT, "public"))) cpSync(join(ROOT, "public"), join(OUT, "public"), { recursive: true });
for (const flavour of ["sqlite", "postgres"])
  cpSync(join(ROOT, "prisma", flavour, "migrations"), join(OUT, "prisma", flavour, "migrations"), {
    recursive: true,
  });

console.log(
  `[bundle] ${Object.keys(ENTRY_POINTS)
    .map((n) => `vigil/${n}.mjs`)
    .join(", ")}; ${copied} traced files added`,
);
