// Release Lab's docs loader (dist/release-lab-embed.js). On any page, of
// any origin:
//
//   <script src="https://example.org/release-lab/release-lab-embed.js" defer></script>
//   <pre data-release-lab>heroku releases</pre>
//
// Each <pre data-release-lab> keeps its text (readers without JavaScript
// see it as it is) and gains a "Try it" button. Only a click loads the
// app: the block is replaced by embed.html in an iframe, which runs the
// block's commands in memory and shows the terminal. The block holds a
// script (one command a line, # comments) or a transcript ("$ command"
// lines, the rest output). Its attributes choose:
//   data-view      terminal (default), history (history and terminal) or full
//   data-theme     light or dark
//   data-height    the frame's height in CSS pixels
//   data-readonly  show the commands' output; no command line
//   data-lesson    a lesson id: the lesson panel with its goals
//
// window.ReleaseLab.mount(pre) does what the button does and returns the
// embed (ReleaseLab.embeds lists them in the order they were made): run(line), reset() and on(type, listener) for the events the
// frame sends ("ready", "command", "release", "error"). Messages go only
// to the frame this page created, and only that frame's messages count.
(function () {
  "use strict";
  if (window.ReleaseLab) return;
  var loader = document.currentScript;
  var base = new URL(".", loader ? loader.src : location.href);
  var appOrigin = base.origin;
  var heights = { terminal: 360, history: 620, full: 760 };
  var embeds = [];

  // The block's commands: its "$ " lines if it has any, else every line
  // but blank ones and # comments.
  function commands(text) {
    var lines = text.split("\n");
    var transcript = lines.some(function (line) { return /^\$ /.test(line); });
    return lines
      .filter(function (line) { return transcript ? /^\$ /.test(line) : line.trim() && !/^\s*#/.test(line); })
      .map(function (line) { return transcript ? line.slice(2).trim() : line.trim(); });
  }

  function address(pre) {
    var query = new URLSearchParams();
    var script = commands(pre.textContent);
    if (script.length) query.set("script", script.join("\n"));
    query.set("view", pre.dataset.view || "terminal");
    if (pre.dataset.theme) query.set("theme", pre.dataset.theme);
    if (pre.hasAttribute("data-readonly")) query.set("readonly", "");
    if (pre.dataset.lesson) query.set("lesson", pre.dataset.lesson);
    // A page opened from file:// has no origin to name; its frame then takes no orders.
    if (location.origin !== "null") query.set("host", location.origin);
    return new URL("embed.html?" + query, base).href;
  }

  function Embed(pre) {
    var view = pre.dataset.view || "terminal";
    var frame = document.createElement("iframe");
    frame.title = "Release Lab " + (view === "full" ? "app" : view);
    frame.className = "release-lab-frame";
    // What the app needs; see README, "For docs authors".
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-downloads allow-modals");
    frame.style.cssText = "width:100%;border:1px solid #c9cad3;border-radius:8px;display:block";
    frame.style.height = (Number(pre.dataset.height) || heights[view] || heights.terminal) + "px";
    frame.src = address(pre);
    this.frame = frame;
    this.ready = false;
    this.pending = [];
    this.listeners = {};
    var embed = this;
    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow || event.origin !== appOrigin) return;
      var data = event.data || {};
      if (typeof data.type !== "string" || data.type.indexOf("release-lab:") !== 0) return;
      var type = data.type.slice("release-lab:".length);
      if (type === "ready") {
        embed.ready = true;
        embed.pending.splice(0).forEach(function (message) { embed.send(message); });
      }
      (embed.listeners[type] || []).forEach(function (listener) { listener(data); });
      frame.dispatchEvent(new CustomEvent("release-lab:" + type, { detail: data }));
    });
  }
  Embed.prototype.send = function (message) {
    if (!this.ready) this.pending.push(message);
    else this.frame.contentWindow.postMessage(message, appOrigin);
  };
  Embed.prototype.run = function (line) { this.send({ type: "release-lab:run", line: String(line) }); };
  // The frame loads its address again, so the block's commands run anew.
  // Lines sent meanwhile wait for the next "ready".
  Embed.prototype.reset = function () {
    this.send({ type: "release-lab:reset" });
    this.ready = false;
  };
  Embed.prototype.on = function (type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); return this; };

  function mount(pre) {
    if (pre._releaseLab) return pre._releaseLab;
    var embed = new Embed(pre);
    pre._releaseLab = embed;
    embeds.push(embed);
    var button = pre.previousElementSibling && pre.previousElementSibling._releaseLabFor === pre ? pre.previousElementSibling : null;
    if (button) button.remove();
    pre.replaceWith(embed.frame);
    return embed;
  }

  function offer(pre) {
    if (pre._releaseLabOffered) return;
    pre._releaseLabOffered = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "release-lab-try";
    button.textContent = "Try it";
    button._releaseLabFor = pre;
    button.addEventListener("click", function () {
      var frame = mount(pre).frame;
      frame.addEventListener("load", function () { frame.focus(); }, { once: true });
    });
    pre.parentNode.insertBefore(button, pre);
  }

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll("pre[data-release-lab]"), offer);
  }

  window.ReleaseLab = { mount: mount, scan: scan, commands: commands, embeds: embeds };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
