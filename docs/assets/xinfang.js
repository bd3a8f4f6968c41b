/* 台账表格的排序和筛选，以及案件查询。不依赖任何外部脚本。 */
(function () {
  "use strict";

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return numeric ? Infinity : "";
    var raw = cell.getAttribute("data-value");
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw;
    var n = parseFloat(raw);
    return isNaN(n) ? Infinity : n;
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.setAttribute("role", "button");
      th.title = "点击排序";
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-sort") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function applyFilters(tableId) {
    var table = document.getElementById(tableId);
    if (!table) return;
    var text = document.querySelector('.xf-filter[data-table="' + tableId + '"]');
    var state = document.querySelector('.xf-status-filter[data-table="' + tableId + '"]');
    var count = document.querySelector('.xf-count[data-table="' + tableId + '"]');
    var words = text ? text.value.trim().toLowerCase().split(/\s+/).filter(Boolean) : [];
    var wanted = state ? state.value : "";
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var content = row.textContent.toLowerCase();
      var ok = words.every(function (w) { return content.indexOf(w) !== -1; });
      if (ok && wanted) ok = (row.getAttribute("data-state") || "").indexOf(wanted) !== -1;
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    if (count) count.textContent = "显示 " + shown + " / " + table.tBodies[0].rows.length + " 件";
  }

  function setupLookup(input) {
    var list = input.parentNode.querySelector(".xf-lookup-results");
    var index = null;
    function show(query) {
      list.innerHTML = "";
      var words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.length || !index) return;
      var hits = index.filter(function (row) {
        var text = row.slice(0, 5).join(" ").toLowerCase();
        return words.every(function (w) { return text.indexOf(w) !== -1; });
      });
      hits.slice(0, 50).forEach(function (row) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = input.getAttribute("data-base") + "cases/" + row[0] + ".html";
        a.textContent = row[0] + " " + row[1];
        li.appendChild(a);
        li.appendChild(document.createTextNode("　" + row[2] + "　" + row[4] + (row[5] ? "　超期" : "")));
        list.appendChild(li);
      });
      var more = document.createElement("li");
      more.textContent = hits.length ? "共 " + hits.length + " 件" + (hits.length > 50 ? "，显示前 50 件" : "") : "没有找到匹配的案件";
      list.appendChild(more);
    }
    input.addEventListener("input", function () {
      if (index) { show(input.value); return; }
      fetch(input.getAttribute("data-index"))
        .then(function (r) { return r.json(); })
        .then(function (data) { index = data; show(input.value); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.xf-sortable"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll(".xf-filter, .xf-status-filter"), function (el) {
      el.addEventListener("input", function () { applyFilters(el.getAttribute("data-table")); });
      el.addEventListener("change", function () { applyFilters(el.getAttribute("data-table")); });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".xf-lookup-input"), setupLookup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
