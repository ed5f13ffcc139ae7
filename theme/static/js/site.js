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
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function save(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  /* Text size */
  function fontStep() {
    var step = parseInt(root.getAttribute("data-font-step") || "0", 10);
    return isNaN(step) ? 0 : step;
  }
  function setFontStep(step) {
    step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
    if (step === 0) { root.removeAttribute("data-font-step"); } else { root.setAttribute("data-font-step", String(step)); }
    var buttons = document.querySelectorAll("[data-font-step]");
    for (var i = 0; i < buttons.length; i++) {
      var delta = parseInt(buttons[i].getAttribute("data-font-step"), 10);
      buttons[i].disabled = (delta < 0 && step <= MIN_STEP) || (delta > 0 && step >= MAX_STEP);
      if (delta === 0) { buttons[i].setAttribute("aria-pressed", String(step === 0)); }
    }
    return step;
  }

  /* Colour scheme: an explicit choice, or none to follow the system. */
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) { return chosen === "dark"; }
    return !!(systemDark && systemDark.matches);
  }
  function setTheme(theme) {
    if (theme) { root.setAttribute("data-theme", theme); } else { root.removeAttribute("data-theme"); }
    var toggles = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < toggles.length; i++) { toggles[i].setAttribute("aria-pressed", String(isDark())); }
  }

  // preferences.js has set the attributes; bring the buttons' states in line.
  setFontStep(fontStep());
  setTheme(root.getAttribute("data-theme"));
  if (systemDark && systemDark.addEventListener) {
    systemDark.addEventListener("change", function () { setTheme(root.getAttribute("data-theme")); });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) { return; }
    if (target.hasAttribute("data-font-step")) {
      var delta = parseInt(target.getAttribute("data-font-step"), 10);
      var step = setFontStep(delta === 0 ? 0 : fontStep() + delta);
      save(FONT_KEY, step === 0 ? null : String(step));
    } else if (target.hasAttribute("data-theme-toggle")) {
      var wanted = isDark() ? "light" : "dark";
      var systemTheme = systemDark && systemDark.matches ? "dark" : "light";
      // Choosing what the system already shows means "follow the system" again.
      var chosen = wanted === systemTheme ? null : wanted;
      setTheme(chosen);
      save(THEME_KEY, chosen);
    } else if (target.hasAttribute("data-copy-link")) {
      copyLink();
    } else if (target.hasAttribute("data-print")) {
      window.print();
    }
  });

  /* Copy link: the canonical address of the page. */
  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : window.location.href;
  }
  function announce(message) {
    var status = document.querySelector("[data-copy-status]");
    if (status) { status.textContent = message; }
  }
  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(field);
    return copied;
  }
  function copyLink() {
    var text = pageAddress();
    var done = function () { announce("Đã chép liên kết: " + text); };
    var fallback = function () {
      if (copyWithSelection(text)) { done(); } else { announce("Không chép được. Liên kết của bài: " + text); }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }
})();
