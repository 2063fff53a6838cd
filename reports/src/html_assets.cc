#include "html_assets.h"

namespace errcontract::internal {

const std::string_view kHtmlStyle = R"css(
:root{--fg:#1b1b1f;--muted:#555;--line:#c8c8d0;
--ok-bg:#d8f3dc;--ok-fg:#0b4a1c;--ok-line:#2d7a3e;
--fail-bg:#fbd9d7;--fail-fg:#7a1610;--fail-line:#b3261e;
--err-bg:#ffe4bf;--err-fg:#6b3500;--err-line:#a35200;
--skip-bg:#e4e4ee;--skip-fg:#35354f;--skip-line:#5d5d7e;
--none-bg:#ffffff;--none-fg:#44444a;--none-line:#8a8a92}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fafafb;margin:0;padding:0 1.5rem 3rem}
h1{font-size:1.5rem;margin:.6rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .4rem}h4{font-size:.95rem;margin:.2rem 0}
code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
pre{background:#f0f0f4;border:1px solid var(--line);padding:.4rem .6rem;white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
a{color:#0645ad}
.run{padding:.8rem 0 .4rem;border-bottom:3px solid var(--line)}
.run.v-passed{border-color:var(--ok-line)}.run.v-failed{border-color:var(--fail-line)}
.run.v-unreachable,.run.v-interrupted{border-color:var(--err-line)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}
.facts dt{font-weight:600}.facts dd{margin:0}
.note{background:var(--err-bg);color:var(--err-fg);border-left:4px solid var(--err-line);padding:.3rem .6rem}
.badge{display:inline-block;border:1px solid;border-radius:3px;padding:0 .4rem;font-weight:700;font-size:.85em}
.v-verified>.badge,.badge.v-verified,.badge.v-passed{background:var(--ok-bg);color:var(--ok-fg);border-color:var(--ok-line)}
.badge.v-failed{background:var(--fail-bg);color:var(--fail-fg);border-color:var(--fail-line)}
.badge.v-error,.badge.v-unreachable,.badge.v-interrupted{background:var(--err-bg);color:var(--err-fg);border-color:var(--err-line)}
.badge.v-skipped{background:var(--skip-bg);color:var(--skip-fg);border-color:var(--skip-line)}
.badge.v-no-case{background:var(--none-bg);color:var(--none-fg);border-color:var(--none-line)}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:.8rem 0;padding:.5rem .7rem;background:#fff;border:1px solid var(--line)}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:.7rem}.filters legend{float:left;margin-right:.5rem;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:.8rem;list-style:none;padding:0}
.modules{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:.4rem 1.2rem}
.module h3{margin:.6rem 0 .3rem;font-size:.9rem}.module h3 small{font-weight:400;color:var(--muted)}
.cells{display:flex;flex-wrap:wrap;gap:4px;list-style:none;margin:0;padding:0}
.cell{position:relative;border:1px solid;border-radius:3px;min-width:4.6rem}
.cell>.code{display:block;padding:.15rem .35rem;color:inherit;text-decoration:none;font:600 12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace}
.cell>.code:focus{outline:3px solid #1a5fb4;outline-offset:1px}
.cell .icon{margin-left:.25rem}
.cell.ext{border-style:double;border-width:3px}
.cell.v-verified{background:var(--ok-bg);color:var(--ok-fg);border-color:var(--ok-line)}
.cell.v-failed{background:var(--fail-bg);color:var(--fail-fg);border-color:var(--fail-line)}
.cell.v-error{background:var(--err-bg);color:var(--err-fg);border-color:var(--err-line)}
.cell.v-skipped{background:var(--skip-bg);color:var(--skip-fg);border-color:var(--skip-line)}
.cell.v-no-case{background:var(--none-bg);color:var(--none-fg);border-color:var(--none-line);border-style:dashed}
.tip{display:none;position:absolute;z-index:5;left:0;top:100%;margin-top:3px;width:19rem;background:#1b1b1f;color:#fff;padding:.4rem .55rem;border-radius:4px;font-size:12px;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.tip a{color:#9fd0ff}
.cell:hover .tip,.cell:focus-within .tip{display:block}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.group{margin:1rem 0}
.case{background:#fff;border:1px solid var(--line);border-left:5px solid var(--line);padding:.5rem .8rem;margin:.5rem 0}
.case.v-failed{border-left-color:var(--fail-line)}.case.v-error{border-left-color:var(--err-line)}
.case.v-passed{border-left-color:var(--ok-line)}.case.v-skipped{border-left-color:var(--skip-line)}
.case:target{outline:3px solid #1a5fb4}
.case>summary{cursor:pointer}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0}.meta dt{color:var(--muted)}.meta dd{margin:0}
.findings{margin:.3rem 0;padding-left:1.2rem}.findings .warning{color:var(--muted)}
.exchange h5{margin:.5rem 0 .1rem;font-size:.85rem}
.more{color:var(--muted);font-style:italic}
@media print{
body{background:#fff;padding:0;font-size:11px}
.filters,.tip{display:none!important}
.case,.module,.exchange,pre{break-inside:avoid}
a{color:inherit;text-decoration:none}
.cell,.badge,.case{-webkit-print-color-adjust:exact;print-color-adjust:exact}
details>summary{list-style:none}
}
)css";

const std::string_view kHtmlScript = R"js(
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  var form = document.getElementById("filters");
  var moduleSelect = document.getElementById("filter-module");
  var boxes = form.querySelectorAll("input[type=checkbox]");
  var items = document.querySelectorAll("[data-module][data-verdict]");
  var count = document.getElementById("filter-count");
  var cells = grid.querySelectorAll(".cell");
  // A case that passed is filtered with the codes it verified.
  function verdictOf(el) {
    var v = el.getAttribute("data-verdict");
    return v === "passed" ? "verified" : v;
  }
  function apply() {
    var module = moduleSelect.value, on = {}, shown = 0;
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    items.forEach(function (el) {
      var visible = (!module || el.getAttribute("data-module") === module) && on[verdictOf(el)] !== false;
      el.hidden = !visible;
      if (visible && el.classList.contains("cell")) shown++;
    });
    document.querySelectorAll("[data-filter-group]").forEach(function (group) {
      group.hidden = !group.querySelector("[data-verdict]:not([hidden])");
    });
    count.textContent = shown + " of " + cells.length + " codes shown";
  }
  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
  function openTarget() {
    var el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.tagName === "DETAILS") el.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  grid.setAttribute("data-documented-cells", String(grid.querySelectorAll(".cell:not(.ext)").length));
  document.documentElement.setAttribute("data-script", "ran");
})();
)js";

const std::string_view kFuzzHtmlStyle = R"css(
table.fuzz{border-collapse:collapse;background:#fff;margin:.4rem 0;width:100%}
table.fuzz th,table.fuzz td{border:1px solid var(--line);padding:.2rem .45rem;text-align:left;vertical-align:top}
table.fuzz th{background:#f0f0f4}
table.fuzz td.n{text-align:right;font-variant-numeric:tabular-nums}
table.fuzz tr.v-failed td:first-child{border-left:4px solid var(--fail-line)}
table.fuzz tr.v-failed .mark{color:var(--fail-fg);font-weight:700}
table.fuzz td.detail{overflow-wrap:anywhere}
)css";

const std::string_view kFuzzHtmlScript = R"js(
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("endpoints");
  if (!form || !table) return;
  var only = form.querySelector("input[name=only-violations]");
  var count = form.querySelector("output");
  var rows = table.tBodies[0].rows;
  function apply() {
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = only.checked && !rows[i].classList.contains("v-failed");
      if (!rows[i].hidden) shown++;
    }
    count.textContent = shown + " of " + rows.length + " endpoints shown";
  }
  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
  table.setAttribute("data-endpoint-rows", String(rows.length));
  document.documentElement.setAttribute("data-script", "ran");
})();
)js";

}  // namespace errcontract::internal
