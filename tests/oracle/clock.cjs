// Preloaded into the heroku CLI (NODE_OPTIONS=--require) by oracle.mjs: its
// "now" becomes Release Lab's simulated clock (RELEASE_LAB_NOW), so texts
// such as "(~ 5m ago)" agree. The clock runs from there at a twentieth of
// real speed: a frozen clock hangs the CLI, and a real-speed one lets the
// second or two the CLI takes to start show up as "(~ 1s ago)".
const target = Date.parse(process.env.RELEASE_LAB_NOW || '');
if (!Number.isNaN(target)) {
  const RealDate = Date;
  const start = RealDate.now();
  const simulated = () => target + Math.floor((RealDate.now() - start) / 20);
  class SimulatedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(simulated());
      else super(...args);
    }
    static now() {
      return simulated();
    }
  }
  globalThis.Date = SimulatedDate;
}
