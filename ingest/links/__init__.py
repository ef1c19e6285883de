"""Links from the graph to other datasets: Wikidata (:mod:`.wikidata`), queried politely (:mod:`.endpoint`)."""
