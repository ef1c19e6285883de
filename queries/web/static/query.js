// The query page: a textarea editor, the named queries as examples, parameters from the query's header,
// results as a table (names instead of IRIs, linked to the graph's pages; long texts folded; sorting by a
// click on a column's head; pages of PAGE rows) and download links in every format.
(function () {
  "use strict";
  var page = document.getElementById("query-page");
  var base = page.dataset.base, mount = page.dataset.mount;
  var named = JSON.parse(document.getElementById("named-queries").textContent);
  var byName = {};
  named.forEach(function (q) { byName[q.name] = q; });
  var select = document.getElementById("named"), editor = document.getElementById("editor");
  var paramsBox = document.getElementById("params"), statusLine = document.getElementById("status");
  var downloads = document.getElementById("downloads"), results = document.getElementById("results");
  var description = document.getElementById("description");
  var messages = JSON.parse(document.getElementById("messages").textContent);
  function t(text) { return messages[text] || text; }
  var FORMATS = {
    solutions: [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
    "boolean": [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
    graph: [["turtle", "Turtle"], ["ntriples", "N-Triples"], ["jsonld", "JSON-LD"], ["rdfxml", "RDF/XML"]]
  };
  var SHOWN = 1000, PAGE = 50, LONG = 160;

  // The parameters a query's header declares, like the catalog reads them.
  function declared(text) {
    var found = [], lines = text.split("\n");
    for (var i = 0; i < lines.length && lines[i].charAt(0) === "#"; i++) {
      var m = /^#\s*param:\s*(\w+)\s+(\S+)(?:\s*=\s*(\S+))?\s*(?:[—-]+\s*(.*))?$/.exec(lines[i]);
      if (m) found.push({name: m[1], type: m[2], "default": m[3] || null, description: m[4] || ""});
    }
    return found;
  }

  function drawParams(params, defaults) {
    var kept = {};
    paramsBox.querySelectorAll("input").forEach(function (input) { kept[input.name] = input.value; });
    paramsBox.innerHTML = "";
    var legend = document.createElement("legend");
    legend.textContent = t("Parameters");
    paramsBox.append(legend);
    paramsBox.hidden = params.length === 0;
    params.forEach(function (p) {
      var label = document.createElement("label"), input = document.createElement("input");
      input.name = p.name;
      input.id = "param-" + p.name;
      var given = defaults && defaults[p.name];
      input.value = kept[p.name] !== undefined ? kept[p.name] : (given || p["default"] || "");
      input.placeholder = p.type;
      input.size = p.type === "iri" ? 70 : 20;
      label.htmlFor = input.id;
      label.textContent = p.name + " (" + p.type + ")";
      var help = document.createElement("small");
      help.textContent = p.description;
      var row = document.createElement("div");
      row.className = "param";
      row.append(label, input, help);
      paramsBox.append(row);
    });
  }

  function choose(name) {
    var q = byName[name];
    if (!q) return;
    editor.value = q.text;
    description.textContent = q.description;
    paramsBox.innerHTML = "";
    var defaults = {};
    q.params.forEach(function (p) { defaults[p.name] = p["default"]; });
    drawParams(q.params, defaults);
  }

  function request(format, download) {
    var args = new URLSearchParams(), q = byName[select.value];
    if (q && editor.value === q.text) args.set("name", q.name); else args.set("query", editor.value);
    paramsBox.querySelectorAll("input").forEach(function (input) {
      if (input.value !== "") args.append("p." + input.name, input.value);
    });
    args.set("format", format);
    if (download) args.set("download", "1");
    return "/query/results?" + args.toString();
  }

  function link(iri) {
    var a = document.createElement("a");
    a.href = iri.indexOf(base) === 0 ? mount + iri.slice(base.length) : iri;
    a.textContent = iri;
    a.title = iri;
    a.className = "iri";
    a.dataset.iri = iri;
    return a;
  }

  // A long text folds to its first LONG characters; the whole text opens with a click.
  function literal(td, text) {
    if (text.length <= LONG) { td.textContent = text; return; }
    var details = document.createElement("details"), summary = document.createElement("summary");
    summary.textContent = text.slice(0, LONG).replace(/\s+\S*$/, "") + " …";
    var whole = document.createElement("div");
    whole.textContent = text;
    details.append(summary, whole);
    td.append(details);
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") td.append(link(term.value));
    else if (term.type === "bnode") td.textContent = "_:" + term.value;
    else {
      literal(td, term.value);
      if (term.value.length <= 30 && !/\s/.test(term.value)) td.className = "nowrap";  // a date, a number, a code
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = term.datatype;
    }
    td.dataset.sort = term.value;
    return td;
  }

  // Names instead of IRIs: asked of the server once the rows are drawn; an IRI without a name stays as it is.
  function nameLinks(box) {
    var anchors = box.querySelectorAll("a.iri"), iris = [];
    anchors.forEach(function (a) { iris.push(a.dataset.iri); });
    if (!iris.length) return;
    fetch("/query/labels", {method: "POST", headers: {"Content-Type": "application/json"},
                            body: JSON.stringify(Array.from(new Set(iris)).slice(0, 2000))})
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (names) {
        anchors.forEach(function (a) {
          var name = names[a.dataset.iri];
          if (name) { a.textContent = name; a.className = "iri named"; a.parentNode.dataset.sort = name; }
        });
      }).catch(function () {});
  }

  function number(text) { return text !== "" && !isNaN(Number(text)) ? Number(text) : null; }

  // A table of the rows, PAGE at a time, sorted by a click on a column's head (again: the other way).
  function table(names, rows, toCells) {
    var box = document.createElement("div"), tbl = document.createElement("table");
    var head = tbl.createTHead().insertRow(), body = tbl.createTBody(), pager = document.createElement("nav");
    tbl.className = "results";
    pager.className = "pager";
    pager.setAttribute("aria-label", t("Pages of the result"));
    var drawn = rows.slice(0, SHOWN).map(function (row) {
      var tr = document.createElement("tr");
      toCells(row).forEach(function (td) { tr.append(td); });
      return tr;
    });
    var order = drawn.slice(), at = 0, sortedBy = -1, direction = 1;
    function show() {
      body.innerHTML = "";
      order.slice(at, at + PAGE).forEach(function (tr) { body.append(tr); });
      pager.innerHTML = "";
      if (order.length <= PAGE) return;
      var previous = document.createElement("button"), next = document.createElement("button");
      var where = document.createElement("span");
      previous.type = next.type = "button";
      previous.textContent = "← " + t("previous");
      next.textContent = t("next") + " →";
      previous.disabled = at === 0;
      next.disabled = at + PAGE >= order.length;
      previous.className = "previous";
      next.className = "next";
      where.textContent = (at + 1) + "–" + Math.min(at + PAGE, order.length) + " " + t("of") + " " + order.length;
      previous.addEventListener("click", function () { at = Math.max(0, at - PAGE); show(); });
      next.addEventListener("click", function () { at = at + PAGE; show(); });
      pager.append(previous, where, next);
    }
    names.forEach(function (n, column) {
      var th = document.createElement("th"), button = document.createElement("button");
      button.type = "button";
      button.textContent = n;
      button.title = t("Sort by this column");
      th.append(button);
      button.addEventListener("click", function () {
        direction = sortedBy === column ? -direction : 1;
        sortedBy = column;
        head.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
        order.sort(function (a, b) {
          var x = a.cells[column].dataset.sort || "", y = b.cells[column].dataset.sort || "";
          var nx = number(x), ny = number(y);
          if (nx !== null && ny !== null) return direction * (nx - ny);
          if (x === "" || y === "") return x === y ? 0 : (x === "" ? 1 : -1);
          return direction * x.localeCompare(y, document.documentElement.lang, {numeric: true});
        });
        at = 0;
        show();
      });
      head.append(th);
    });
    show();
    box.append(pager, tbl);
    nameLinks(tbl);
    return box;
  }

  // "1 row", "0 rows" in English, "0 ligne", "2 lignes" in French (the plural forms come from the server).
  function plural(n, what) {
    var forms = messages.plurals[what], index = document.documentElement.lang === "fr" ? (n > 1 ? 1 : 0) : (n === 1 ? 0 : 1);
    return forms[index].replace("%(num)s", n);
  }

  function graphRows(doc) {
    var rows = [];
    (Array.isArray(doc) ? doc : [doc]).forEach(function (node) {
      var subject = node["@id"];
      Object.keys(node).forEach(function (key) {
        if (key.charAt(0) === "@") return;
        node[key].forEach(function (v) {
          var object = v["@id"] !== undefined
            ? {type: v["@id"].indexOf("_:") === 0 ? "bnode" : "uri", value: v["@id"].replace(/^_:/, "")}
            : {type: "literal", value: String(v["@value"]), datatype: v["@type"], "xml:lang": v["@language"]};
          rows.push([{type: subject.indexOf("_:") === 0 ? "bnode" : "uri", value: subject.replace(/^_:/, "")},
                     {type: "uri", value: key}, object]);
        });
      });
    });
    return rows;
  }

  function showDownloads(kind) {
    downloads.textContent = t("Download:") + " ";
    FORMATS[kind].forEach(function (f, i) {
      var a = document.createElement("a");
      a.href = request(f[0], true);
      a.textContent = f[1];
      a.className = "download";
      a.dataset.format = f[0];
      a.setAttribute("download", "");
      if (i) downloads.append(" · ");
      downloads.append(a);
    });
  }

  function run(event) {
    if (event) event.preventDefault();
    statusLine.className = "";
    statusLine.textContent = t("Running…");
    downloads.innerHTML = "";
    results.innerHTML = "";
    var started = performance.now();
    fetch(request("auto", false)).then(function (response) {
      return response.text().then(function (body) { return [response, body]; });
    }).then(function (pair) {
      var response = pair[0], body = pair[1], ms = Math.round(performance.now() - started);
      if (!response.ok) {
        statusLine.className = "error";
        statusLine.textContent = t("Error") + " " + response.status + ": " + body;
        return;
      }
      var kind = response.headers.get("X-Result-Kind"), data = JSON.parse(body), count;
      if (kind === "solutions") {
        var names = data.head.vars, rows = data.results.bindings;
        results.append(table(names, rows, function (b) { return names.map(function (n) { return cell(b[n]); }); }));
        count = plural(rows.length, "row");
      } else if (kind === "boolean") {
        var p = document.createElement("p");
        p.className = "boolean";
        p.textContent = String(data["boolean"]);
        results.append(p);
        count = t("answer:") + " " + data["boolean"];
      } else {
        var triples = graphRows(data);
        results.append(table([t("subject"), t("predicate"), t("object")], triples,
                             function (r) { return r.map(cell); }));
        count = plural(triples.length, "triple");
      }
      statusLine.textContent = count + " " + t("in") + " " + ms + " ms" +
        (/^\d+/.test(count) && parseInt(count, 10) > SHOWN ? " " + t("(the first 1000 shown; download for all)") : "");
      showDownloads(kind);
    }).catch(function (error) {
      statusLine.className = "error";
      statusLine.textContent = t("The query could not be sent:") + " " + error;
    });
  }

  select.addEventListener("change", function () {
    if (select.value) choose(select.value);
    else description.textContent = t("Write a query in the editor: the prefixes hm:, dcterms:, foaf:, org:, skos:… are declared.");
  });
  editor.addEventListener("input", function () {
    var q = byName[select.value];
    if (q && editor.value !== q.text) description.textContent = q.description + " " + t("(edited)");
    drawParams(declared(editor.value));
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
    else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      var s = editor.selectionStart;
      editor.setRangeText("  ", s, editor.selectionEnd, "end");
    }
  });
  document.getElementById("query-form").addEventListener("submit", run);
  if (select.value) choose(select.value); else drawParams(declared(editor.value));
})();
