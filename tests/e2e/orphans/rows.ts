import type { CreateFault, FaultPlan } from "./faultProxy";

/*
 * The lost-create fault matrix (docs/orphans.md): one `pulumi up` of one SubAccountAccessKey per
 * row and mode, with the faults below between the provider and the emulator. Every row is judged
 * the same way (./runRow): no foreign key deleted; every key left behind named where the user sees
 * it; with exclusive, none left behind (unless the row's cleanup itself fails, when it is named).
 */

export type Mode = "default" | "exclusive";

/** Another writer (another stack, a pipeline, the console): it creates a key straight at NCP. */
export type OtherWriter = () => Promise<void>;

export interface Row {
  name: string;
  /** The proxy's faults; `otherWriter` creates a foreign key when called. */
  plan(otherWriter: OtherWriter): FaultPlan;
  /** Active keys NCP allows (a key someone else holds already takes one); default 5. */
  maxActiveKeys?: number;
  /** The SubAccountAccessKey's `active`; default true. */
  active?: boolean;
  /** The modes the row runs in. A foreign key made inside the window is, with exclusive, the user's broken promise. */
  modes: Mode[];
  /** What `pulumi up` does, per mode: succeeds, or fails with a message matching the pattern. */
  expect: Record<Mode, "succeeds" | RegExp>;
  /** How many keys of its own the up leaves without exclusive, each named: proof the fault struck. */
  left: number;
  /** The row's cleanup cannot finish (NCP refuses the DELETE): even with exclusive its keys stay, named. */
  cleanupFails?: boolean;
  /**
   * Leave out the key someone else made a minute before the up. With it, no count can prove a key
   * is the provider's (one key more than lost creates): rows about the proof leave it out.
   */
  noOlderKey?: boolean;
  /** A count proves the lost create's key, so it is deleted, in either mode, and the output says so. */
  proven?: boolean;
}

const lostThen = (fault: CreateFault): FaultPlan => ({ creates: [fault] });
const both: Mode[] = ["default", "exclusive"];
const succeeds = { default: "succeeds", exclusive: "succeeds" } as const;

export const rows: Row[] = [
  {
    name: "our timeout; NCP runs the POST after our first look",
    plan: () => lostThen({ answer: "timeout", commit: "later" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    name: "502 after NCP made the key",
    plan: () => lostThen({ answer: { status: 502, message: "Bad Gateway" }, commit: "first" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    name: "502 before NCP ran the POST",
    plan: () => lostThen({ answer: { status: 502, message: "Bad Gateway" }, commit: "never" }),
    left: 0,
    modes: both,
    expect: succeeds,
  },
  {
    name: "504/510 Endpoint Timeout; NCP's backend commits after our first look",
    plan: () => lostThen({ answer: { status: 504, code: "510", message: "Endpoint Timeout" }, commit: "later" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    name: "connection reset after NCP made the key",
    plan: () => lostThen({ answer: "reset", commit: "first" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    // The sub account holds someone's key; the late commit takes the second place: the retry gets 409/9012.
    name: "409 on the retry after a timeout",
    plan: () => lostThen({ answer: "timeout", commit: "later" }),
    maxActiveKeys: 2,
    left: 1,
    modes: both,
    expect: { default: /NCP refused attempt 2 with 409\/9012: .*A key a lost request made may be holding one of those places\..*Left behind, not deleted: /s, exclusive: "succeeds" },
  },
  {
    name: "several attempts: a timeout that commits later, a 502 after NCP made the key, then success",
    plan: () => ({
      creates: [
        { answer: "timeout", commit: "later" },
        { answer: { status: 502, message: "Bad Gateway" }, commit: "first" },
      ],
    }),
    left: 2,
    modes: both,
    expect: succeeds,
  },
  {
    // The retry's own key tells the backend's clock: the gateway's Date is not needed.
    name: "a Date header 30 s ahead of NCP's backend, 502 after NCP made the key, then success",
    plan: () => ({ creates: [{ answer: { status: 502, message: "Bad Gateway" }, commit: "first" }], dateOffsetMs: 30_000 }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    // No key of ours to read the backend's clock from: the Date header, less 5 s of tolerance.
    name: "a Date header 3 s ahead of NCP's backend, every attempt 502 after NCP made the key",
    plan: () => ({
      creates: [1, 2, 3].map((): CreateFault => ({ answer: { status: 502, message: "Bad Gateway" }, commit: "first" })),
      dateOffsetMs: 3000,
    }),
    left: 3,
    modes: both,
    expect: { default: /all 3 attempts lost their answer\..*Left behind, not deleted: /s, exclusive: /all 3 attempts lost their answer\..*Deleted .*No key of the lost requests is left\./s },
  },
  {
    // The sub account holds no other key: NCP answered 2xx, one key appeared, so it is the provider's.
    name: "NCP answers 201 with an unreadable body, on a sub account with no other key",
    plan: () => lostThen({ answer: "unreadable", commit: "first" }),
    noOlderKey: true,
    proven: true,
    left: 0,
    modes: both,
    expect: succeeds,
  },
  {
    name: "another writer creates a key when our POST arrives; the connection resets after NCP made ours",
    plan: (otherWriter) => lostThen({ answer: "reset", commit: "first", meanwhile: otherWriter }),
    left: 1,
    modes: ["default"],
    expect: succeeds,
  },
  {
    // NCP answered 2xx, so one key is certainly ours, but two appeared: no proof, nothing deleted.
    name: "another writer creates a key when our POST arrives; NCP answers 201 with an unreadable body",
    plan: (otherWriter) => lostThen({ answer: "unreadable", commit: "first", meanwhile: otherWriter }),
    noOlderKey: true,
    left: 1,
    modes: ["default"],
    expect: succeeds,
  },
  {
    // Proven (2xx) without exclusive, allowed with it: the DELETE is refused either way.
    name: "a failing cleanup: NCP answers 201 unreadably, then refuses every DELETE",
    plan: () => ({ creates: [{ answer: "unreadable", commit: "first" }], failDeletes: true }),
    noOlderKey: true,
    left: 1,
    modes: both,
    cleanupFails: true,
    expect: {
      default: /cleaning up after a lost answer failed\..*Deleting \S+ \(created [^)]+\) failed, so it is still live/s,
      exclusive: /cleaning up after a lost answer failed\..*Deleting \S+ \(created [^)]+\) failed, so it is still live/s,
    },
  },
  {
    name: "every attempt 502 after NCP made the key",
    plan: () => ({ creates: [1, 2, 3].map((): CreateFault => ({ answer: { status: 502, message: "Bad Gateway" }, commit: "first" })) }),
    left: 3,
    modes: both,
    expect: { default: /all 3 attempts lost their answer\..*Left behind, not deleted: /s, exclusive: /all 3 attempts lost their answer\..*Deleted .*No key of the lost requests is left\./s },
  },
  {
    // After the POST: NCP made the key, deactivating it fails; the provider deletes it and says so.
    name: "active: false, and deactivating the new key fails",
    plan: () => ({ creates: [], failPuts: true }),
    active: false,
    left: 0,
    modes: ["default"],
    expect: { default: /created access key \S+ on sub account \S+, but deactivating it failed, so the key was deleted again: nothing is left behind/, exclusive: "succeeds" },
  },
  {
    name: "active: false, and deactivating the new key fails, and so does deleting it",
    plan: () => ({ creates: [], failPuts: true, failDeletes: true }),
    active: false,
    left: 1,
    modes: ["default"],
    cleanupFails: true,
    expect: { default: /but deactivating it failed and deleting it failed too: (\S+) is live and active, and no stack holds it/, exclusive: "succeeds" },
  },
];
