// The query page: a textarea editor, the named queries as examples, parameters from the query's header,
// results as a table whose IRIs link to the graph's pages, and download links in every format.
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
  var FORMATS = {
    solutions: [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
    "boolean": [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
    graph: [["turtle", "Turtle"], ["ntriples", "N-Triples"], ["jsonld", "JSON-LD"], ["rdfxml", "RDF/XML"]]
  };
  var SHOWN = 1000;

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
    paramsBox.innerHTML = "<legend>Parameters</legend>";
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
    a.className = "iri";
    return a;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") td.append(link(term.value));
    else if (term.type === "bnode") td.textContent = "_:" + term.value;
    else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = term.datatype;
    }
    return td;
  }

  function table(names, rows, toCells) {
    var t = document.createElement("table"), head = t.createTHead().insertRow(), body = t.createTBody();
    t.className = "results";
    names.forEach(function (n) { var th = document.createElement("th"); th.textContent = n; head.append(th); });
    rows.slice(0, SHOWN).forEach(function (row) {
      var tr = body.insertRow();
      toCells(row).forEach(function (td) { tr.append(td); });
    });
    return t;
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
    downloads.innerHTML = "Download: ";
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
    statusLine.textContent = "Running…";
    downloads.innerHTML = "";
    results.innerHTML = "";
    var started = performance.now();
    fetch(request("auto", false)).then(function (response) {
      return response.text().then(function (body) { return [response, body]; });
    }).then(function (pair) {
      var response = pair[0], body = pair[1], ms = Math.round(performance.now() - started);
      if (!response.ok) {
        statusLine.className = "error";
        statusLine.textContent = "Error " + response.status + ": " + body;
        return;
      }
      var kind = response.headers.get("X-Result-Kind"), data = JSON.parse(body), count;
      if (kind === "solutions") {
        var names = data.head.vars, rows = data.results.bindings;
        results.append(table(names, rows, function (b) { return names.map(function (n) { return cell(b[n]); }); }));
        count = rows.length + " row" + (rows.length === 1 ? "" : "s");
      } else if (kind === "boolean") {
        var p = document.createElement("p");
        p.className = "boolean";
        p.textContent = String(data["boolean"]);
        results.append(p);
        count = "answer: " + data["boolean"];
      } else {
        var triples = graphRows(data);
        results.append(table(["subject", "predicate", "object"], triples, function (r) { return r.map(cell); }));
        count = triples.length + " triple" + (triples.length === 1 ? "" : "s");
      }
      statusLine.textContent = count + " in " + ms + " ms" +
        (/^\d+/.test(count) && parseInt(count, 10) > SHOWN ? " (the first " + SHOWN + " shown; download for all)" : "");
      showDownloads(kind);
    }).catch(function (error) {
      statusLine.className = "error";
      statusLine.textContent = "The query could not be sent: " + error;
    });
  }

  select.addEventListener("change", function () {
    if (select.value) choose(select.value);
  });
  editor.addEventListener("input", function () {
    var q = byName[select.value];
    if (q && editor.value !== q.text) description.textContent = q.description + " (edited)";
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
