"""The charts on the Assemblée's real records (../shared/data/an)."""
from __future__ import annotations

from hemicycle.ingest.store import GraphStore
from hemicycle.queries.viz import charts

from support import ingest, real_data


def test_answer_delays_leave_out_questions_to_the_government(tmp_path):
    """The XVIth's 639 questions to the government are answered in the sitting (0 days): drawn with the
    written questions, they made the chart all zeros. It shows the written questions only."""
    store = GraphStore(tmp_path / "store")
    ingest(store, real_data("questions", "l16-questions-gouvernement-1-639.json.zip"),
           real_data("questions", "QANR5L17QE5268.json"))
    qg_delays = store.query('PREFIX hm: <https://w3id.org/hemicycle/ontology#> '
                            'SELECT (COUNT(*) AS ?n) WHERE { ?q hm:kindCode "QG" ; hm:answerDelayDays 0 }')
    assert int(next(iter(qg_delays))["n"].value) > 600  # the phenomenon is there
    delays = charts.answer_delays(store)
    drawn = [days for per_ministry in delays.values() for days in per_ministry]
    assert len(drawn) == 1 and drawn[0] > 0, delays  # the one written question, answered after days
