// Jest's own order, but when it knows no file's duration, the files that run the real engine or a
// fault matrix go first. Jest keys the durations it keeps by the checkout's path, so a fresh clone
// (CI's) knows none, and jest falls back to the biggest file first; a short end-to-end file that
// runs the engine for 25 s could then start last and run on while the other worker sits idle.
// With durations known (a second local run), jest's longest-first order is kept as it is.
const path = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;

const slowDirs = ["e2e", "hardening"].map((dir) => `${path.sep}tests${path.sep}${dir}${path.sep}`);
const runsSlow = (test) => slowDirs.some((dir) => test.path.includes(dir));

class EngineFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    return [...sorted.filter(runsSlow), ...sorted.filter((test) => !runsSlow(test))];
  }
}

module.exports = EngineFirstSequencer;
