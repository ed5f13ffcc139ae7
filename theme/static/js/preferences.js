/* Runs before the page is drawn: not deferred, on purpose. It applies the
   reader's saved text size and colour scheme, so that a page never flashes
   white or jumps in size while site.js (deferred) is still on its way over a
   slow connection, and it tells the CSS (html[data-js]) that the reader
   tools will work, so they take their place from the first paint. */
(function (root) {
  try {
    var step = window.localStorage.getItem("khuyenhoc:co-chu");
    if (/^(-1|[1-3])$/.test(step || "")) { root.setAttribute("data-font-step", step); }
    var theme = window.localStorage.getItem("khuyenhoc:giao-dien");
    if (theme === "dark" || theme === "light") { root.setAttribute("data-theme", theme); }
  } catch (e) { /* storage blocked: system size and scheme */ }
  root.setAttribute("data-js", "");
})(document.documentElement);
