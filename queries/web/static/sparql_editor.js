// The SPARQL editor at /sparql: YASGUI (@zazuko/yasgui, loaded before this script from /static/yasgui/) set up
// for this server. Its configuration comes from the page (#editor-config, see queries/web/sparql_editor.py):
// the project's prefixes, the default query of a new tab, the vocabulary to complete, the named queries.
// Everything is local: YASQE's completers that ask prefix.cc or LOV over the network are replaced.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  if (typeof window.Yasgui === "undefined") {
    root.textContent = root.getAttribute("data-empty");
    return;
  }
  var Yasgui = window.Yasgui, Yasqe = Yasgui.Yasqe;
  var endpoint = window.location.origin + window.location.pathname;  // this page is the endpoint's URL
  var noStorage = function () { return undefined; };  // completions are not cached in the browser's storage

  // Prefixes: the project's first, then YASQE's bundled list (never prefix.cc). When a query uses one of them
  // undeclared, YASQE's prefix completer adds its PREFIX line by itself.
  var ours = Object.keys(config.prefixes);
  var ourLines = ours.map(function (p) { return p + ": <" + config.prefixes[p] + ">"; });
  var bundled = Yasqe.Autocompleters.prefixes.get;
  Yasqe.forkAutocompleter("prefixes", {
    name: "hemicyclePrefixes",
    persistenceId: noStorage,
    get: function (yasqe) {
      return Promise.resolve(bundled(yasqe)).then(function (lines) {
        return ourLines.concat((lines || []).filter(function (line) {
          return ours.indexOf(line.split(":")[0]) < 0;
        }));
      }, function () { return ourLines; });
    },
  }, false);
  // Classes and properties: the ontology's and its vocabularies', as full IRIs (YASQE writes them back with
  // the query's prefixes), instead of asking the Linked Open Vocabularies service.
  Yasqe.forkAutocompleter("property", {
    name: "hemicycleProperties", bulk: true, persistenceId: noStorage, get: config.properties,
  }, false);
  Yasqe.forkAutocompleter("class", {
    name: "hemicycleClasses", bulk: true, persistenceId: noStorage, get: config.classes,
  }, false);
  var completers = ["variables", "hemicyclePrefixes", "hemicycleProperties", "hemicycleClasses"];
  Yasqe.defaults.autocompleters.splice(0, Yasqe.defaults.autocompleters.length);
  Array.prototype.push.apply(Yasqe.defaults.autocompleters, completers);
  Yasqe.defaults.prefixCcApi = null;

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: config.persistenceId,
    populateFromUrl: true,   // a shared link (#query=…&endpoint=…) opens its query in a tab, and runs it
    autofocus: true,
    tabName: config.tabName || "Query",
    yasqe: { value: config.value, autocompleters: completers, prefixCcApi: null, collapsePrefixesOnLoad: true },
  });
  window.hemicycleYasgui = yasgui;  // for the browser tests and the curious

  // The named queries: each opens in a tab of its own (or selects the tab that already has it).
  var byName = {};
  config.examples.forEach(function (q) { byName[q.name] = q; });
  document.querySelectorAll("#sparql-editor button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var q = byName[button.getAttribute("data-name")];
      if (!q) return;
      yasgui.addTab(true, { name: q.title, yasqe: { value: q.text }, requestConfig: { endpoint: endpoint } },
                    { avoidDuplicateTabs: true });
    });
  });
})();
