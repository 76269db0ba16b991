import * as net from "node:net";
import type { AddressInfo } from "node:net";

type EngineLiveness = typeof import("../../provider/handlers/engineLiveness");

/** A fresh copy of the module: it remembers per process whether the engine ever answered. */
function freshModule(): EngineLiveness {
  let loaded: EngineLiveness | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<EngineLiveness>("../../provider/handlers/engineLiveness");
  });
  return loaded!;
}

async function listening(): Promise<{ address: { host: string; port: number }; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { address: { host: "127.0.0.1", port }, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("engineAddress: the engine's address among the host's arguments", () => {
  const { engineAddress } = freshModule();
  test.each([
    [["127.0.0.1:40867"], { host: "127.0.0.1", port: 40867 }],
    [["--logtostderr", "-v=9", "127.0.0.1:5000"], { host: "127.0.0.1", port: 5000 }],
    [["--tracing", "http://127.0.0.1:9411", "localhost:7001"], { host: "localhost", port: 7001 }],
    [["[::1]:6001"], { host: "::1", port: 6001 }],
    [[], undefined],
    [["10.0.0.8:5000"], undefined],
  ])("%j → %j", (argv, expected) => expect(engineAddress(argv)).toEqual(expected));
});

describe("the engine as a create sees it", () => {
  test("a port that listens is there; once closed, connections are refused", async () => {
    const { probe } = freshModule();
    const engine = await listening();
    expect(await probe(engine.address)).toBe("listening");
    await engine.close();
    expect(await probe(engine.address)).toBe("refused");
  });

  test("an engine that answered before the create and is gone after it has left", async () => {
    const { noteEngine, engineLeft } = freshModule();
    const engine = await listening();
    expect(await noteEngine(engine.address)).toBe(true);
    expect(await engineLeft(engine.address)).toBe(false);
    await engine.close();
    expect(await engineLeft(engine.address)).toBe(true);
  });

  test("a host whose engine address never answered (a test harness's placeholder) never counts it as left", async () => {
    const { noteEngine, engineLeft } = freshModule();
    const engine = await listening();
    await engine.close();
    expect(await noteEngine(engine.address)).toBe(false);
    expect(await engineLeft(engine.address)).toBe(false);
  });
});
