/* 台账表格的排序和筛选，以及案件查询（查询页、首页和页头搜索框）。不依赖任何外部脚本。 */
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

  // 案件查询：assets/cases.json 是每件案件一行的简表（编号、名称、承办单位、包案领导、状态）；
  // 信访人姓名和身份证号后四位分块存放在 assets/lookup/ 中，查询时只取所需的一块。
  var script = document.currentScript;
  var assetsUrl = script ? script.src.replace(/[^\/]*$/, "") : "assets/";
  var siteUrl = script ? new URL("../", assetsUrl).href : "";
  var cache = {};

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (r.status === 404) return [];
        if (!r.ok) throw new Error("查询索引读取失败：" + url + "（" + r.status + "）");
        return r.json();
      });
    }
    return cache[url];
  }

  function idTail(query) {
    var q = query.replace(/[\s\-]/g, "").toUpperCase();
    return /^\d{3,17}[\dX]$/.test(q) ? q.slice(-4) : "";
  }

  function search(query, indexUrl) {
    var words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return Promise.resolve({ hits: [], total: 0 });
    var dir = indexUrl.replace(/[^\/]*$/, "") + "lookup/";
    var tail = words.length === 1 ? idTail(words[0]) : "";
    var first = words[0];
    return load(indexUrl).then(function (index) {
      var ch = String.fromCodePoint(first.codePointAt(0));
      var chunk = tail
        ? (index.ids.indexOf(tail.charAt(0)) !== -1 ? "id-" + tail.charAt(0) : "")
        : (index.people.indexOf(ch) !== -1 ? "p-" + ch.codePointAt(0).toString(16) : "");
      return Promise.all([index, chunk ? load(dir + chunk + ".json") : []]);
    }).then(function (data) {
      var index = data[0], entries = data[1];
      var rows = index.rows;
      function text(row) {
        return (index.prefix + row[0] + " " + row[1] + " " + index.units[row[2]] + " " + index.leaders[row[3]] + " " + index.states[row[4]]).toLowerCase();
      }
      var found = {}, hits = [];
      function add(n, who) {
        if (found[n] !== undefined) {
          if (who && !hits[found[n]].who) hits[found[n]].who = who;
          return;
        }
        var row = rows[n];
        found[n] = hits.length;
        hits.push({ id: index.prefix + row[0], title: row[1], unit: index.units[row[2]], leader: index.leaders[row[3]], state: index.states[row[4]], who: who });
      }
      entries.forEach(function (e) {
        if (tail) {
          if (e[1] === tail) add(e[0], "身份证号后四位 " + tail + (e[2] ? "：" + e[2] : ""));
        } else if (e[1].toLowerCase().indexOf(first) !== -1) {
          var rest = words.slice(1);
          var t = text(rows[e[0]]) + " " + e[1].toLowerCase();
          if (rest.every(function (w) { return t.indexOf(w) !== -1; })) add(e[0], "信访人 " + e[1]);
        }
      });
      rows.forEach(function (row, n) {
        var t = text(row);
        if (words.every(function (w) { return t.indexOf(w) !== -1; })) add(n, "");
      });
      return { hits: hits, total: hits.length };
    });
  }

  function renderHits(list, result, caseBase, limit) {
    list.innerHTML = "";
    result.hits.slice(0, limit).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = caseBase + "cases/" + hit.id + ".html";
      a.textContent = hit.id + " " + hit.title;
      li.appendChild(a);
      var state = document.createElement("span");
      state.className = "xf-badge" + (hit.state.indexOf("超期") !== -1 ? " xf-b-overdue" : hit.state.indexOf("已结案") === 0 ? " xf-s-closed" : "");
      state.textContent = hit.state;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(state);
      var info = document.createElement("span");
      info.className = "xf-hit-info";
      info.textContent = (hit.who ? hit.who + "　" : "") + hit.unit + (hit.leader ? "　包案领导 " + hit.leader : "");
      li.appendChild(info);
      list.appendChild(li);
    });
    var more = document.createElement("li");
    more.className = "xf-hit-count";
    more.textContent = result.total ? "共 " + result.total + " 件" + (result.total > limit ? "，显示前 " + limit + " 件" : "") : "没有找到匹配的案件";
    list.appendChild(more);
  }

  function setupLookup(input) {
    var list = input.parentNode.querySelector(".xf-lookup-results");
    var latest = 0;
    input.addEventListener("input", function () {
      var ticket = ++latest;
      if (!input.value.trim()) { list.innerHTML = ""; return; }
      search(input.value, input.getAttribute("data-index")).then(function (result) {
        if (ticket === latest) renderHits(list, result, input.getAttribute("data-base"), 50);
      });
    });
  }

  // 页头的搜索框：Material 搜索页面内容，这里在它的结果上方列出匹配的案件（同一个查询索引）。
  function setupHeaderSearch() {
    var input = document.querySelector(".md-search__input");
    var wrap = document.querySelector(".md-search__scrollwrap");
    if (!input || !wrap) return;
    var box = document.createElement("div");
    box.className = "xf-search-cases";
    box.hidden = true;
    var heading = document.createElement("div");
    heading.className = "xf-search-cases__title";
    heading.textContent = "案件";
    var list = document.createElement("ul");
    list.className = "xf-search-cases__list";
    box.appendChild(heading);
    box.appendChild(list);
    wrap.insertBefore(box, wrap.firstChild);
    var latest = 0;
    function update() {
      var ticket = ++latest;
      if (!input.value.trim()) { box.hidden = true; return; }
      search(input.value, assetsUrl + "cases.json").then(function (result) {
        if (ticket !== latest) return;
        renderHits(list, result, siteUrl, 8);
        box.hidden = false;
      });
    }
    input.addEventListener("input", update);
    var form = input.form;
    if (form) form.addEventListener("reset", function () { box.hidden = true; });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.xf-sortable"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll(".xf-filter, .xf-status-filter"), function (el) {
      el.addEventListener("input", function () { applyFilters(el.getAttribute("data-table")); });
      el.addEventListener("change", function () { applyFilters(el.getAttribute("data-table")); });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".xf-lookup-input"), setupLookup);
    Array.prototype.forEach.call(document.querySelectorAll(".xf-page-per-group"), function (box) {
      var doc = box.closest(".xf-per-group");
      function apply() { if (doc) doc.classList.toggle("xf-break-groups", box.checked); }
      box.addEventListener("change", apply);
      apply();
    });
    setupHeaderSearch();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
