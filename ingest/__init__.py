"""How the graph is built: source bytes → typed records → quads → store.

- :mod:`.sources` finds the records in what a user points at (files, folders, zips, dumps);
- :mod:`.records` turns each into a frozen typed record (one adapter module per source form);
- :mod:`.mapping` turns a record into its named graph of quads, and the graphs of the shared nodes it
  describes (:mod:`.mapping.shared`: which description stands when a run describes one several times);
- :mod:`.writer` compares each graph with the store and writes what changed into :mod:`.store`, one named
  graph per record;
- :mod:`.pipeline` runs an ingest from end to end, and :mod:`.report` says what it did;
- :mod:`.citations` finds the citations of court decisions and texts of law in question and answer texts.
"""
