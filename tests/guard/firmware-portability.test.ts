// firmware/ must run on XS: no Node built-ins, no packages XS lacks, no
// platform globals, no eval, no top-level await, no Math.random. Checked on
// the syntax tree of every firmware source file.
import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIRMWARE = join(ROOT, 'firmware');
const MODDABLE_SIDE = join(FIRMWARE, 'platform', 'moddable');
/** Packages the manifest maps for XS. */
const PORTABLE_PACKAGES = [/^@noble\/curves\/[\w/-]+\.js$/, /^@noble\/hashes\/[\w/-]+\.js$/, /^#platform\/[\w-]+$/];
/** Moddable SDK modules, allowed only behind the seam. */
const MODDABLE_MODULES = [/^timer$/, /^time$/, /^preference$/, /^flash$/, /^mc\/config$/, /^embedded:[\w/-]+$/];
const FORBIDDEN_GLOBALS = new Set(['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'setTimeout', 'setInterval', 'setImmediate', 'crypto', 'TextEncoder', 'TextDecoder', 'console', 'window', 'document', 'fetch', 'structuredClone', 'queueMicrotask']);
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

export function portabilityProblems(path: string, text: string): string[] {
  const problems: string[] = [];
  const where = (n: ts.Node) => `${relative(ROOT, path)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const behindSeam = path.startsWith(MODDABLE_SIDE) || path === join(FIRMWARE, 'main.ts'); // the seam and the device entry
  const checkSpecifier = (spec: string, n: ts.Node) => {
    if (spec.startsWith('.')) return;
    if (nodeBuiltins.has(spec) || spec.startsWith('node:')) problems.push(`${where(n)} imports the Node built-in ${spec}`);
    else if (PORTABLE_PACKAGES.some((r) => r.test(spec))) return;
    else if (MODDABLE_MODULES.some((r) => r.test(spec))) { if (!behindSeam) problems.push(`${where(n)} imports the Moddable module ${spec} outside firmware/platform/moddable and the device entry`); }
    else problems.push(`${where(n)} imports ${spec}, which XS builds do not provide`);
  };
  const declared = new Set<string>();
  const visit = (n: ts.Node, depth: number) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) checkSpecifier(n.moduleSpecifier.text, n);
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) problems.push(`${where(n)} uses dynamic import()`);
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'eval') problems.push(`${where(n)} calls eval`);
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Function') problems.push(`${where(n)} constructs a Function`);
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Math' && n.name.text === 'random') problems.push(`${where(n)} uses Math.random (unseeded libc rand() on Moddable)`);
    if (ts.isAwaitExpression(n) && depth === 0) problems.push(`${where(n)} uses top-level await`);
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isBindingElement(n)) && n.name && ts.isIdentifier(n.name)) declared.add(n.name.text);
    if (ts.isIdentifier(n) && FORBIDDEN_GLOBALS.has(n.text) && !declared.has(n.text)) {
      const p = n.parent;
      const isMemberName = p && ((ts.isPropertyAccessExpression(p) && p.name === n) || ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || (ts.isPropertyDeclaration(p) && p.name === n));
      if (!isMemberName) problems.push(`${where(n)} uses the global ${n.text}, absent on XS devices`);
    }
    const inFunction = ts.isFunctionLike(n) || ts.isClassStaticBlockDeclaration(n);
    ts.forEachChild(n, (c) => visit(c, depth + (inFunction ? 1 : 0)));
  };
  visit(sf, 0);
  return problems;
}

describe('firmware portability guard', () => {
  const sources = files(FIRMWARE);

  it('covers the firmware tree', () => {
    assert.ok(sources.length > 30, `only ${sources.length} files`);
  });

  it('firmware/ imports nothing XS lacks and uses no Node or browser globals', () => {
    const problems = sources.flatMap((f) => portabilityProblems(f, readFileSync(f, 'utf8')));
    assert.deepEqual(problems, []);
  });

  it('catches each kind of violation', () => {
    const fake = join(FIRMWARE, 'core', 'fake.ts');
    const cases: [string, RegExp][] = [
      ["import { readFileSync } from 'node:fs';", /Node built-in node:fs/],
      ["import fs from 'fs';", /Node built-in fs/],
      ["import Timer from 'timer';", /outside firmware\/platform\/moddable/],
      ["import x from 'lodash';", /which XS builds do not provide/],
      ['const b = Buffer.from([1]);', /global Buffer/],
      ['export const t = () => setTimeout(() => 0, 1);', /global setTimeout/],
      ['const r = Math.random();', /Math.random/],
      ["const f = new Function('return 1');", /constructs a Function/],
      ['await 1;', /top-level await/],
      ['const h = crypto.getRandomValues(new Uint8Array(4));', /global crypto/],
    ];
    for (const [code, expected] of cases) assert.match(portabilityProblems(fake, code).join('\n'), expected, code);
    assert.deepEqual(portabilityProblems(fake, 'async function f() { await 1; } const o = { process: 1 }; o.process;'), []);
  });
});
