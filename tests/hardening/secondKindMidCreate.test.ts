import { startFrontGateway, type FrontGateway } from "../host/frontGateway";
import { startNcloudStack, type NcloudStack } from "../host/ncloudStack";
import { providerKey } from "../host/providerHost";

/*
 * A fault the emulator cannot inject but `pulumi up` causes: the host configures each resource
 * kind's provider the first time it loads it, and the provider's configure (provider/handlers/
 * client.ts setClientOptions) once replaced the process-wide SDK client and closed the old one,
 * even when the options were the same. A program with two kinds loads the second while the first
 * is mid-operation.
 */
const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

describe("a second resource kind loaded while a SubAccountAccessKey create is in flight", () => {
  let stack: NcloudStack;
  let gateway: FrontGateway;
  beforeAll(async () => {
    // The create's POST is held at a gateway in front of NCP until the second kind has loaded.
    gateway = await startFrontGateway(() => stack.emulator.url);
    stack = await startNcloudStack({ subAccounts: [SUB] }, { "ncloud:apiUrl": gateway.url });
  }, 30_000);
  afterAll(async () => {
    await stack?.close();
    await gateway?.close();
  });

  // It used to fail with UND_ERR_CLOSED / UND_ERR_DESTROYED and tell the user to clean up in the
  // console. It must succeed: nothing went wrong with NCP.
  test("the create still succeeds and leaves exactly its key", async () => {
    await stack.host.check(stack.urn("subAccountAccessKey", "warm-up"), {}, { [providerKey]: await stack.provider("subAccountAccessKey") });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const postHeld = new Promise<void>((resolve) =>
      gateway.onNextCreate(async () => {
        resolve();
        await released;
      }, "delivered"),
    );
    const creating = stack.createResource("subAccountAccessKey", "key", { subAccountId: SUB });
    creating.catch(() => undefined);
    await postHeld;
    await stack.host.check(stack.urn("nsmlAuthKeys", "keys"), {}, { [providerKey]: await stack.provider("nsmlAuthKeys") });
    // The race this test is about did happen: the second kind loaded while the POST was in flight
    // (sent by the provider, held at the gateway, not yet at NCP).
    expect(stack.emulator.requests.filter((r) => r.method === "POST")).toEqual([]);
    release();

    const { id } = await creating;
    expect(stack.emulator.state.liveKeys(SUB).map((k) => k.accessKey)).toEqual([id]);
  });
});
