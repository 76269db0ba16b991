import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { exportLines, parseArgs } from "../../sdk/emulator/cli";
import { startEmulator } from "../../sdk/emulator";
import { signedRequest, type Target } from "./signedRequest";

describe("emulator CLI", () => {
  test("parses --port and --max-active-keys, and refuses anything else", () => {
    expect(parseArgs(["--port", "8080", "--max-active-keys", "3"])).toEqual({ port: 8080, maxActiveKeys: 3 });
    expect(parseArgs([])).toEqual({});
    expect(() => parseArgs(["--port"])).toThrow();
    expect(() => parseArgs(["--port", "x"])).toThrow();
    expect(() => parseArgs(["--verbose"])).toThrow();
    expect(() => parseArgs(["--port", "65536"])).toThrow("--port needs a whole number from 0 to 65535");
    expect(() => parseArgs(["--port", "1e3"])).toThrow("--port needs a whole number from 0 to 65535");
    expect(() => parseArgs(["--max-active-keys", "-1"])).toThrow("--max-active-keys needs a whole number from 0 to 1000");
  });

  test("prints shell export lines with the URL, keys, sub accounts and service groups", async () => {
    const emulator = await startEmulator({
      accessKey: "AK",
      secretKey: "it's",
      apiKey: "API",
      subAccounts: ["a", "b"],
      serviceGroups: [{ serviceGroupInstanceNo: "1", region: "SGN" }],
    });
    try {
      expect(exportLines(emulator)).toEqual([
        `export NCLOUD_API_URL='${emulator.url}'`,
        "export NCLOUD_ACCESS_KEY='AK'",
        "export NCLOUD_SECRET_KEY='it'\\''s'",
        "export NCLOUD_API_KEY='API'",
        "export NCLOUD_SUB_ACCOUNT_IDS='a,b'",
        "export NCLOUD_SERVICE_GROUPS='1:SGN'",
      ]);
    } finally {
      await emulator.close();
    }
  });

  test("runs as a process: serves with the printed keys and exits cleanly on SIGTERM", async () => {
    const root = path.resolve(__dirname, "../..");
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "sdk/emulator/cli.ts", "--max-active-keys", "1"],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      let out = "";
      child.stdout.setEncoding("utf8");
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: string) => {
          out += chunk;
          if (out.includes("NCLOUD_SERVICE_GROUPS")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const env = Object.fromEntries(
        [...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map(([, name, value]) => [name, value]),
      );
      const emulator: Target = {
        url: env.NCLOUD_API_URL,
        accessKey: env.NCLOUD_ACCESS_KEY,
        secretKey: env.NCLOUD_SECRET_KEY,
        apiKey: env.NCLOUD_API_KEY,
      };
      const keys = `/api/v1/sub-accounts/${env.NCLOUD_SUB_ACCOUNT_IDS}/access-keys`;
      expect((await signedRequest(emulator, { method: "POST", path: keys })).status).toBe(201);
      expect((await signedRequest(emulator, { method: "POST", path: keys })).status).toBe(409);
      expect((await signedRequest(emulator, { path: "/nsml/v1/auth-keys" })).status).toBe(200);
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
