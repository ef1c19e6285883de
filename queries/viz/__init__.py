"""Network projections of the graph and charts: built from the named ``viz-*`` queries, drawn with networkx,
igraph's layouts, matplotlib and vis-network (inlined from the pyvis package, so pages work offline)."""

FORMATS = ("html", "graphml", "gexf", "json", "cytoscape", "png", "svg")
CHART_FORMATS = ("png", "svg")
