/**
 * Typechecks files the way a project made by `pulumi new typescript` compiles them: its tsconfig
 * (strict, CommonJS, `moduleResolution: node`, no `esModuleInterop`, no `skipLibCheck`), with
 * `pulumi-ncloud-keys` resolved from node_modules through package.json (`types`, `typesVersions`)
 * to the built `.d.ts` files, never to this repository's sources.
 */
import * as path from "node:path";
import * as ts from "typescript";

const repoRoot = path.resolve(__dirname, "..", "..");

/** The template's tsconfig `compilerOptions` (pulumi/templates, typescript/tsconfig.json), plus noEmit. */
export const pulumiNewCompilerOptions: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  sourceMap: true,
  experimentalDecorators: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
  noEmit: true,
  // The template's devDependency @types/node; from this repo's node_modules when the files live elsewhere.
  types: ["node"],
  typeRoots: [path.join(repoRoot, "node_modules", "@types")],
};

export interface Compiled {
  /** Every diagnostic, formatted `file(line,col): error TSnnnn: text`; [] when the files compile. */
  errors: string[];
  /** Every file the compiler read, declaration files included. */
  readFiles: string[];
}

export function typecheck(files: string[]): Compiled {
  const program = ts.createProgram(files, pulumiNewCompilerOptions);
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => repoRoot,
    getNewLine: () => "\n",
  };
  return {
    errors: ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trim()),
    readFiles: program.getSourceFiles().map((file) => file.fileName),
  };
}
