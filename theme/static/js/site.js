/* Reader tools: text size (A− A A+), light/dark toggle, copy link, print.
   Choices are kept in localStorage so they follow the reader from page to
   page; preferences.js applies them before the page is drawn. Without
   JavaScript these controls stay hidden (html:not([data-js]) in site.css)
   and the page keeps the system's text size and colour scheme. */
(function () {
  "use strict";

  var root = document.documentElement;
  var FONT_KEY = "khuyenhoc:co-chu";
  var THEME_KEY = "khuyenhoc:giao-dien";
  var MIN_STEP = -1;
  var MAX_STEP = 3;
  var system = window.matchMedia("(prefers-color-scheme: dark)");

  function save(key, value) {
    try {
      if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); }
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }

  /* Text size, in steps of tokens.css; 0 is the system's size. */
  function setFontStep(step) {
    step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
    if (step) { root.setAttribute("data-font-step", step); } else { root.removeAttribute("data-font-step"); }
    each("[data-font-step]", function (button) {
      var delta = +button.getAttribute("data-font-step");
      button.disabled = delta < 0 ? step <= MIN_STEP : delta > 0 && step >= MAX_STEP;
      if (!delta) { button.setAttribute("aria-pressed", !step); }
    });
    return step;
  }

  /* Colour scheme: the reader's choice, or none to follow the system. */
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : system.matches;
  }
  function setTheme(theme) {
    if (theme) { root.setAttribute("data-theme", theme); } else { root.removeAttribute("data-theme"); }
    each("[data-theme-toggle]", function (button) { button.setAttribute("aria-pressed", isDark()); });
  }

  /* Copy link: the page's canonical address. */
  function copyLink() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var text = canonical ? canonical.href : location.href;
    var status = document.querySelector("[data-copy-status]");
    function say(message) { if (status) { status.textContent = message; } }
    function fallback() {
      var field = document.createElement("textarea");
      field.value = text;
      field.className = "visually-hidden";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { /* not allowed */ }
      field.remove();
      say(copied ? "Đã chép liên kết: " + text : "Không chép được. Liên kết của bài: " + text);
    }
    if (navigator.clipboard) {
      navigator.clipboard.writeText(text).then(function () { say("Đã chép liên kết: " + text); }, fallback);
    } else {
      fallback();
    }
  }

  // preferences.js has set the attributes; bring the buttons' states in line.
  setFontStep(+root.getAttribute("data-font-step") || 0);
  setTheme(root.getAttribute("data-theme"));
  if (system.addEventListener) {  // Safari before 14 has only addListener
    system.addEventListener("change", function () { setTheme(root.getAttribute("data-theme")); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.hasAttribute("data-font-step")) {
      var delta = +button.getAttribute("data-font-step");
      var step = setFontStep(delta ? (+root.getAttribute("data-font-step") || 0) + delta : 0);
      save(FONT_KEY, step ? String(step) : null);
    } else if (button.hasAttribute("data-theme-toggle")) {
      var wanted = isDark() ? "light" : "dark";
      // Choosing what the system already shows means "follow the system" again.
      var chosen = wanted === (system.matches ? "dark" : "light") ? null : wanted;
      setTheme(chosen);
      save(THEME_KEY, chosen);
    } else if (button.hasAttribute("data-copy-link")) {
      copyLink();
    } else if (button.hasAttribute("data-print")) {
      window.print();
    }
  });
})();
