"""How the graph is built: source bytes → typed records → quads → store.

Adapters (one module per source form) turn bytes into the frozen records of :mod:`.records`; the mapping
modules turn records into quads; :mod:`.store` writes one named graph per record.
"""
