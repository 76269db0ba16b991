import { startEmulator } from "../../sdk/emulator";
import { clientFor, failureOf } from "./servers";

const DAY = 86_400_000;

/**
 * Both clocks stand still, a whole second apart from a round instant: the offset the client learns
 * is then exact, not the skew plus however long the answer took on a loaded machine.
 */
async function withSkewedGateway(skewMs: number, run: (client: ReturnType<typeof clientFor>, requests: () => number) => Promise<void>) {
  const local = Math.floor(Date.now() / 1000) * 1000;
  const emulator = await startEmulator({ now: () => local + skewMs });
  const client = clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey, maxAttempts: 3, now: () => local });
  try {
    await run(client, () => emulator.requests.length);
  } finally {
    await client.close();
    await emulator.close();
  }
}

describe("the clock offset learned from a 401 is bounded to ±15 minutes", () => {
  test("a Date 30 days ahead fails the call, naming how far off the clock is and NTP; the clock is not moved", async () => {
    await withSkewedGateway(30 * DAY, async (client, requests) => {
      const error = await failureOf(client.sts.getCredentials());
      expect(error).toMatchObject({ status: 401, code: "ClockSkew", retryable: false });
      expect(error.message).toContain("30 days behind NCP's clock");
      expect(error.message).toContain("NTP");
      expect(client.clockOffsetMs).toBe(0);
      expect(requests()).toBe(1);
    });
  });

  test("a Date 20 minutes behind fails the same way, the other direction", async () => {
    await withSkewedGateway(-20 * 60_000, async (client) => {
      const error = await failureOf(client.subAccount.createAccessKey("4e066e50-9c3a-11e7-8a66-1e5021fa7c80"));
      expect(error).toMatchObject({ code: "ClockSkew", outcomeUnknown: false });
      expect(error.message).toContain("20 minutes ahead of NCP's clock");
    });
  });

  test("14 minutes off is still corrected once and kept", async () => {
    await withSkewedGateway(14 * 60_000, async (client, requests) => {
      await client.sts.getCredentials();
      expect(client.clockOffsetMs).toBe(14 * 60_000);
      expect(requests()).toBe(2);
    });
  });
});
