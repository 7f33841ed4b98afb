// Presenter mode (dist/presenter.js), opened by `?present` on the app's
// address: large type, high contrast, no forms, and a demo script that
// steps forward one command per key press (→, Space or Page Down, as
// clickers send). `# comment` lines are speaker notes for the command
// after them. Autoplay runs the rest at a chosen pace until paused.
//
//   ?present                  the demo below
//   ?present=demo.txt         a script fetched from that address
//   ?present&script=…         a script in the address itself
//
// Every step is a line run through the app's terminal (lab.js's
// `releaseLab.run`), so the audience sees what a terminal would print.
const DEMO = `# Every change to an app makes a numbered release. Start with an empty app.
heroku create shop
# A deploy: commit, then push to Heroku. This builds a slug and makes v2.
git commit -m "Storefront"
git push heroku main
# A config change is a release too: v3.
heroku config:set PAYMENTS_URL=https://pay.example.com
# Someone sets a broken address: v4 is bad.
heroku config:set PAYMENTS_URL=http://broken.invalid
heroku releases
# Roll back: a new release, v5, that copies v3's slug and config vars.
heroku rollback
heroku releases
heroku config:get PAYMENTS_URL`;

const PACES = [1.5, 3, 5, 8];
const query = new URLSearchParams(location.search);

function steps(text) {
  const all = [];
  let notes = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith("#")) notes.push(line.replace(/^#+\s?/, ""));
    else {
      all.push({ line, notes });
      notes = [];
    }
  }
  if (notes.length) all.push({ line: null, notes });
  return all;
}

async function script() {
  const from = query.get("present");
  if (from) {
    const response = await fetch(from);
    if (!response.ok) throw new Error(`${from} answered ${response.status}`);
    return response.text();
  }
  return query.get("script") || DEMO;
}

const style = document.createElement("style");
style.textContent = `
html.presenting{font-size:24px}
html.presenting .shell{--bg:#000;--fg:#fff;--muted:#e6e6e6;--panel:#000;--border:#fff;--accent:#ffe14d;--accent-fg:#000;--ok:#7dffa8;--warn:#ffe14d;--bad:#ff9aa8;--old:#e6e6e6;--focus:#4dd2ff;font-size:1.2rem;padding-bottom:9em}
html.presenting .actions,html.presenting .create-app,html.presenting .timeline-panel,html.presenting .terminal-tools,html.presenting #terminal-keys{display:none}
html.presenting .terminal-text,html.presenting .terminal-input input{font-size:1.1rem}
html.presenting .terminal-log{max-height:60vh}
.presenter{position:fixed;left:0;right:0;bottom:0;background:#000;color:#fff;border-top:3px solid #ffe14d;padding:.6em 1.2em;font:20px/1.4 system-ui,sans-serif;display:grid;grid-template-columns:1fr auto;gap:.3em 1em;z-index:10}
.presenter p{margin:0}.presenter .notes{font-size:1.15em;color:#ffe14d}.presenter code{font:1em ui-monospace,Menlo,monospace}
.presenter .controls{display:flex;gap:.5em;align-items:center;grid-row:span 2}
.presenter button,.presenter select{font:inherit;background:#ffe14d;color:#000;border:2px solid #ffe14d;border-radius:6px;padding:.2em .7em}
.presenter select{background:#000;color:#fff}
.presenter :focus-visible{outline:3px solid #4dd2ff;outline-offset:2px}`;
document.head.append(style);

const bar = document.createElement("section");
bar.className = "presenter";
bar.setAttribute("aria-label", "Presenter");
bar.innerHTML = `<p class="notes" aria-live="polite"></p>
<div class="controls"><span class="progress"></span>
<button type="button" class="next" data-repeatable>Next</button>
<button type="button" class="play" data-repeatable>Play</button>
<label>Pace <select class="pace">${PACES.map((s) => `<option value="${s}"${s === 3 ? " selected" : ""}>${s} s</option>`).join("")}</select></label></div>
<p class="upcoming"></p>`;
document.body.append(bar);
const $ = (selector) => bar.querySelector(selector);

let all = [];
let next = 0;
let running = false;
let playing = null;

function render() {
  const step = all[next];
  $(".notes").textContent = step ? step.notes.join(" ") : "The end.";
  const upcoming = $(".upcoming");
  upcoming.textContent = "";
  if (step && step.line) {
    upcoming.append("Next: ");
    const code = document.createElement("code");
    code.textContent = step.line;
    upcoming.append(code);
  }
  $(".progress").textContent = `${Math.min(next, all.length)} / ${all.length}`;
  $(".next").disabled = !step || running;
  $(".play").textContent = playing ? "Pause" : "Play";
  $(".play").disabled = !step && !playing;
}

// Runs the next step; resolves once the app has run its line.
function forward() {
  const step = all[next];
  if (!step || running || !window.releaseLab) return Promise.resolve(false);
  next += 1;
  if (!step.line) {
    render();
    return Promise.resolve(true);
  }
  running = true;
  render();
  return new Promise((resolve) => {
    const done = (event) => {
      if (event.detail.type !== "release-lab:command" || event.detail.line !== step.line) return;
      window.removeEventListener("release-lab", done);
      running = false;
      render();
      resolve(true);
    };
    window.addEventListener("release-lab", done);
    window.releaseLab.run(step.line);
    // `clear` is the terminal's own, not a command: nothing reports it.
    if (step.line === "clear") done({ detail: { type: "release-lab:command", line: "clear" } });
  });
}

function pause() {
  clearTimeout(playing);
  playing = null;
  render();
}

function play() {
  const pace = Number($(".pace").value) * 1000;
  const tick = async () => {
    const stepped = await forward();
    // Paused while that line ran: stay paused.
    if (playing === null) return;
    if (!stepped || next >= all.length) return pause();
    playing = setTimeout(tick, pace);
    render();
  };
  playing = setTimeout(tick, 0);
  render();
}

$(".next").addEventListener("click", () => forward());
$(".play").addEventListener("click", () => (playing ? pause() : play()));
window.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
  // Space on a focused button presses it; only keys meant for the presenter step.
  if (target.tagName === "BUTTON" && event.key === " ") return;
  if (event.key === "ArrowRight" || event.key === " " || event.key === "PageDown") {
    event.preventDefault();
    forward();
  }
});

function begin() {
  script()
    .then((text) => {
      all = steps(text);
      render();
    })
    .catch((error) => {
      $(".notes").textContent = `The demo script could not be loaded: ${error.message}`;
    });
}

render();
if (window.releaseLab && window.releaseLab.ready) begin();
else window.addEventListener("release-lab", function wait(event) {
  if (event.detail.type !== "release-lab:ready") return;
  window.removeEventListener("release-lab", wait);
  begin();
});
