/**
 * Typechecks files the way a project made by `pulumi new typescript` compiles them: its tsconfig
 * (strict, CommonJS, `moduleResolution: node`, no `esModuleInterop`, no `skipLibCheck`), with
 * `pulumi-ncloud-keys` resolved from node_modules through package.json (`types`, `typesVersions`)
 * to the built `.d.ts` files, never to this repository's sources.
 */
import * as fs from "node:fs";
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

/**
 * Typechecks `files`. With `buildInfoFile`, as `tsc --incremental` does: the diagnostics of every
 * file are kept there, and a later call checks again only the files that changed or depend on one
 * that did (TypeScript's builder, files compared by a hash of their text). Checking the libraries a
 * user's tsc checks (no skipLibCheck: @pulumi/pulumi's and Node's types) is most of the cost, and
 * they change only with package-lock.json.
 */
export function typecheck(files: string[], buildInfoFile?: string): Compiled {
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => repoRoot,
    getNewLine: () => "\n",
  };
  const format = (diagnostics: readonly ts.Diagnostic[]) => diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trim());
  if (!buildInfoFile) {
    const program = ts.createProgram(files, pulumiNewCompilerOptions);
    return { errors: format(ts.getPreEmitDiagnostics(program)), readFiles: program.getSourceFiles().map((file) => file.fileName) };
  }
  const options: ts.CompilerOptions = { ...pulumiNewCompilerOptions, incremental: true, tsBuildInfoFile: buildInfoFile };
  const builder = ts.createIncrementalProgram({ rootNames: files, options, host: ts.createIncrementalCompilerHost(options) });
  // The builder's own diagnostics (ts.getPreEmitDiagnostics would check every file again).
  const diagnostics = [
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  // noEmit: emit writes the build info only; renamed into place, so a concurrent run reads a whole one.
  builder.emit(undefined, (file, text) => {
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, file);
  });
  return { errors: format(diagnostics), readFiles: builder.getProgram().getSourceFiles().map((file) => file.fileName) };
}
