"""The AMO adapters (``ingest/amo.py``): real records of the XVIth and XVIIth legislatures, then variants.

The real files live outside the repository, in ``../shared/data/an/amo``; the tests that need them are
skipped, with the reason, when they are absent.
"""
from __future__ import annotations

import json
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from hemicycle.ingest.records import xmltools
from hemicycle.ingest.records.amo import mandate_from_dict, organ_from_dict, person_from_dict
from hemicycle.ingest.records.model import Constituency, Mandate, Organ, Person, Rejection, Skipped, SourceRecord
from hemicycle.ingest.sources import read_file, sha256_of
from hemicycle.ontology.errors import RecordError

from support import AN_DATA, real_data

AMO = AN_DATA / "amo"
L16_ZIP = AMO / "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip"
L17_ZIP = AMO / "l17-acteurs-organes-mixed-2025.json.zip"
XML_DIR = AMO / "l17-organes-xml"
REF = "http://schemas.assemblee-nationale.fr/referentiel"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


@pytest.fixture(scope="module")
def l16() -> Path:
    return real_data("amo", L16_ZIP.name)


@pytest.fixture(scope="module")
def l17() -> Path:
    return real_data("amo", L17_ZIP.name)


@pytest.fixture(scope="module")
def xml_dir() -> Path:
    return real_data("amo", XML_DIR.name)


def _body(archive: Path, member: str) -> dict:
    """The object under the single root key of one JSON member of a zip."""
    with zipfile.ZipFile(archive) as handle:
        (body,) = json.loads(handle.read(member)).values()
    return body


def _xml_body(path: Path) -> dict:
    return xmltools.to_dict(xmltools.parse(path.read_bytes()))


# --- Real records ---------------------------------------------------------------------------------------


def test_deputy_pa721296(l17):
    person = person_from_dict(_body(l17, "acteur/PA721296.json"))
    assert (person.uid, person.civility, person.first_name, person.last_name) == (
        "PA721296", "M.", "Guillaume", "Gouffier Valente")
    assert person.birth_date == date(1986, 2, 1)
    assert (person.birth_city, person.birth_department, person.birth_country) == ("Beauvais", "Oise", "France")
    assert person.death_date is None
    assert all(m.person_uid == "PA721296" for m in person.mandates)
    by_uid = {m.uid: m for m in person.mandates}

    seat = by_uid["PM843698"]
    assert seat.organ_type == "ASSEMBLEE"
    assert seat.organ_uids == ("PO838901",)
    assert (seat.legislature, seat.start, seat.end) == (17, date(2024, 7, 7), None)
    assert seat.quality == "membre"
    assert seat.election_cause == "élections générales"
    assert seat.constituency == Constituency(
        department_code="94", department="Val-de-Marne", number=6, region="Ile-de-France", organ_uid="PO838923")

    group = by_uid["PM845553"]
    assert (group.organ_type, group.organ_uids, group.start) == ("GP", ("PO845407",), date(2024, 7, 19))
    assert group.constituency is None
    # A party mandate has no legislature in the source.
    assert by_uid["PM852775"].organ_type == "PARPOL" and by_uid["PM852775"].legislature is None


def test_political_group_po845407(l17):
    organ = organ_from_dict(_body(l17, "organe/PO845407.json"))
    assert organ == Organ(
        uid="PO845407", kind="GP", label="Ensemble pour la République", short_label="EPR", abbreviation="EPR",
        start=date(2024, 7, 18), end=None, parent_uid=None, previous_uid=None, legislature=17,
        colour="#7B4591", constituency=None)


def test_ministry_has_its_government_as_parent(l16):
    ministry = organ_from_dict(_body(l16, "json/organe/PO834722.json"))
    assert ministry.kind == "MINISTERE"
    assert ministry.label == "Ministère de la transformation et fonction publiques"
    assert (ministry.abbreviation, ministry.start, ministry.end) == ("TFP", date(2024, 2, 9), None)
    assert (ministry.parent_uid, ministry.previous_uid) == ("PO833673", "PO791615")
    government = organ_from_dict(_body(l16, "json/organe/PO833673.json"))
    assert (government.kind, government.short_label) == ("GOUVERNEMENT", "ATTAL")


def test_multi_organ_ministerial_mandate(l17):
    person = person_from_dict(_body(l17, "acteur/PA2960.json"))
    mandate = next(m for m in person.mandates if m.uid == "PM874184")
    assert (mandate.organ_type, mandate.organ_uids) == ("MINISTERE", ("PO873642", "PO873647"))


XML_ORGANS = {
    "PO838901": ("ASSEMBLEE", "Assemblée nationale de la 17ème législature", date(2024, 7, 1), None, None),
    "PO839069": ("CIRCONSCRIPTION", "2ème circonscription de Mayotte", date(2024, 7, 1), None, None),
    "PO845401": ("GP", "Rassemblement National", date(2024, 7, 18), None, None),
    "PO847639": ("GOUVERNEMENT", "Gouvernement", date(2024, 9, 6), date(2024, 12, 13), None),
    "PO847643": ("MINISTERE", "Ministère de l'intérieur", date(2024, 9, 22), date(2024, 12, 13), "PO847639"),
}


@pytest.mark.parametrize("uid", sorted(XML_ORGANS))
def test_xml_organs(xml_dir, uid):
    organ = organ_from_dict(_xml_body(xml_dir / f"{uid}.xml"))
    assert organ.uid == uid
    assert (organ.kind, organ.label, organ.start, organ.end, organ.parent_uid) == XML_ORGANS[uid]
    if organ.kind == "CIRCONSCRIPTION":
        assert organ.constituency == Constituency("976", "Mayotte", 2, "Mayotte", "PO839069")
    else:
        assert organ.constituency is None


def test_xml_group_colour_and_labels(xml_dir):
    organ = organ_from_dict(_xml_body(xml_dir / "PO845401.xml"))
    assert (organ.short_label, organ.abbreviation, organ.colour, organ.legislature) == ("RN", "RN", "#313567", 17)


def _parse_zip(archive: Path) -> tuple[Counter, list[str]]:
    """Every acteur and organe of a zip through the adapters: counts, and the errors met."""
    counts: Counter = Counter()
    errors: list[str] = []
    with zipfile.ZipFile(archive) as handle:
        for name in handle.namelist():
            if name.endswith("/") or name.split("/")[-2] in ("deport", "pays"):
                continue
            (root, body), = json.loads(handle.read(name)).items()
            try:
                if root == "acteur":
                    person = person_from_dict(body)
                    counts["acteur"] += 1
                    counts["mandate"] += len(person.mandates)
                    counts["acteur without mandates"] += not person.mandates
                elif root == "organe":
                    organ = organ_from_dict(body)
                    counts["organe"] += 1
                    counts[organ.kind] += 1
            except RecordError as error:
                errors.append(f"{name}: {error}")
    return counts, errors


@pytest.mark.parametrize("which, expected", [
    ("l16", {"acteur": 1075, "organe": 798, "mandate": 28883, "acteur without mandates": 0,
             "MINISTERE": 99, "GP": 12}),
    ("l17", {"acteur": 603, "organe": 8957, "mandate": 13222, "acteur without mandates": 28,
             "MINISTERE": 168, "GP": 52, "CIRCONSCRIPTION": 6559}),
])
@pytest.mark.real_data  # its fixture is chosen by name, at run time
def test_every_real_record_parses(request, which, expected):
    counts, errors = _parse_zip(request.getfixturevalue(which))
    assert errors == []
    assert {key: counts[key] for key in expected} == expected


def test_acteur_without_mandates(l17):
    body = _body(l17, "acteur/PA722046.json")
    assert "mandats" not in body  # the 28 acteurs without mandates lack the key altogether
    person = person_from_dict(body)
    assert (person.uid, person.first_name, person.last_name, person.birth_date) == (
        "PA722046", "Aurore", "Bergé", date(1986, 11, 13))
    assert (person.birth_city, person.death_date, person.mandates) == (None, None, ())


# --- Through the dispatcher -----------------------------------------------------------------------------


def test_sources_read_the_amo_files(l16, l17, xml_dir):
    expected = {
        l16: {"Person": 1075, "Organ": 798},
        l17: {"Person": 603, "Organ": 8957, "deport": 37, "pays": 199},
    }
    expected.update({path: {"Organ": 1} for path in sorted(xml_dir.glob("*.xml"))})
    assert len(expected) == 7
    for path, counts in expected.items():
        seen: Counter = Counter()
        for item in read_file(path, sha256_of(path)):
            assert not isinstance(item, Rejection), str(item)
            if isinstance(item, SourceRecord):
                seen[type(item.record).__name__] += 1
                assert item.origin.sha256 and item.origin.path == str(path)
            else:
                assert isinstance(item, Skipped)
                seen[item.kind] += 1
        assert dict(seen) == counts, path.name


def test_sources_read_a_separate_mandate_file(tmp_path):
    folder = tmp_path / "mandat"
    folder.mkdir()
    file = folder / "PM1.json"
    file.write_text(json.dumps({"mandat": {**MANDATE, "uid": "PM1"}}), encoding="utf-8")
    items = list(read_file(file, sha256_of(file)))
    assert len(items) == 1 and isinstance(items[0], SourceRecord)
    assert items[0].record.uid == "PM1" and items[0].record.person_uid == "PA1"


def test_sources_read_an_export_dump(tmp_path):
    dump = {"export": {
        "organes": {"organe": {"uid": "PO1", "codeType": "GP", "libelle": "Groupe"}},
        "acteurs": {"acteur": [{"uid": {"#text": "PA1"}, "mandats": {"mandat": {**MANDATE, "acteurRef": None}}}]},
        "mandats": {"mandat": [{**MANDATE, "uid": "PM2"}, {"uid": "PM3", "dateDebut": "2024-02-30"}]},
    }}
    file = tmp_path / "export.json"
    file.write_text(json.dumps(dump), encoding="utf-8")
    items = list(read_file(file, sha256_of(file)))
    records = [item.record for item in items if isinstance(item, SourceRecord)]
    assert [type(r).__name__ for r in records] == ["Organ", "Person", "Mandate"]
    assert records[1].mandates[0].person_uid == "PA1"
    (rejection,) = [item for item in items if isinstance(item, Rejection)]
    assert rejection.uid == "PM3" and "mandat PM3.acteurRef" in rejection.reason


# --- Variants -------------------------------------------------------------------------------------------

MANDATE = {
    "uid": "PM10",
    "acteurRef": "PA1",
    "legislature": "17",
    "typeOrgane": "ASSEMBLEE",
    "dateDebut": "07/07/2024",
    "dateFin": {"@xsi:nil": "true"},
    "infosQualite": {"codeQualite": "membre"},
    "organes": {"organeRef": "PO838901"},
    "election": {
        "lieu": {"region": "Mayotte", "departement": "Mayotte", "numDepartement": "976", "numCirco": "2"},
        "causeMandat": "élections générales",
        "refCirconscription": "PO839069",
    },
}


def _acteur(mandats) -> dict:
    return {
        "uid": {"#text": "PA1", "@xsi:type": "IdActeur_type"},
        "etatCivil": {
            "ident": {"civ": "Mme", "prenom": " Anne ", "nom": "Exemple"},
            "infoNaissance": {"dateNais": "1970-01-31", "villeNais": None, "depNais": {"@xsi:nil": "true"}},
            "dateDeces": {"@xsi:nil": "true"},
        },
        "mandats": mandats,
    }


def test_single_mandate_object_instead_of_a_list():
    person = person_from_dict(_acteur({"mandat": MANDATE}))
    assert [m.uid for m in person.mandates] == ["PM10"]
    assert (person.first_name, person.birth_date) == ("Anne", date(1970, 1, 31))


@pytest.mark.parametrize("mandats", [None, {"@xsi:nil": "true"}, {"mandat": None}, {"mandat": []}, "missing"])
def test_absent_mandates(mandats):
    body = _acteur(mandats)
    if mandats == "missing":
        del body["mandats"]
    assert person_from_dict(body).mandates == ()


def test_embedded_mandate_takes_the_acteur_uid_when_it_has_no_acteurref():
    person = person_from_dict(_acteur({"mandat": [{**MANDATE, "acteurRef": None}, {**MANDATE, "uid": "PM11"}]}))
    assert [m.person_uid for m in person.mandates] == ["PA1", "PA1"]


def test_nil_values_become_none():
    person = person_from_dict(_acteur(None))
    assert (person.birth_city, person.birth_department, person.birth_country, person.death_date) == (
        None, None, None, None)
    mandate = mandate_from_dict({**MANDATE, "legislature": {"@xsi:nil": "true"}, "infosQualite": None,
                                 "election": {"@xsi:nil": "true"}, "organes": {"organeRef": None}})
    assert (mandate.legislature, mandate.quality, mandate.constituency, mandate.election_cause) == (
        None, None, None, None)
    assert mandate.organ_uids == ()
    organ = organ_from_dict({"uid": "PO1", "codeType": "GP", "organeParent": {"@xsi:nil": "true"},
                             "viMoDe": None, "legislature": None, "couleurAssociee": ""})
    assert (organ.parent_uid, organ.start, organ.end, organ.legislature, organ.colour) == (None,) * 5


def test_separate_mandate_record_with_dmy_dates_and_organ_list():
    mandate = mandate_from_dict({**MANDATE, "dateFin": "31/12/2024",
                                 "organes": {"organeRef": ["PO838901", "PO2", "PO838901"]}})
    assert mandate == Mandate(
        uid="PM10", person_uid="PA1", organ_type="ASSEMBLEE", organ_uids=("PO838901", "PO2"), legislature=17,
        start=date(2024, 7, 7), end=date(2024, 12, 31), quality="membre",
        constituency=Constituency("976", "Mayotte", 2, "Mayotte", "PO839069"), election_cause="élections générales")


def test_constituency_only_for_assemblee_mandates():
    senate = {**MANDATE, "typeOrgane": "SENAT", "election": {"lieu": {"numDepartement": "75"}}}
    assert mandate_from_dict(senate).constituency is None


def test_xml_acteur_with_a_single_mandate():
    xml = f"""<acteur xmlns="{REF}" xmlns:xsi="{XSI}">
      <uid xsi:type="IdActeur_type">PA9</uid>
      <etatCivil><ident><civ>M.</civ><prenom>Jean</prenom><nom>Test</nom></ident>
        <infoNaissance><dateNais>02/03/1960</dateNais><villeNais/><depNais xsi:nil="true"/></infoNaissance>
        <dateDeces xsi:nil="true"/></etatCivil>
      <mandats><mandat xsi:type="MandatSimple_Type"><uid>PM9</uid><acteurRef>PA9</acteurRef>
        <legislature xsi:nil="true"/><typeOrgane>GP</typeOrgane><dateDebut>2024-07-19</dateDebut>
        <dateFin xsi:nil="true"/><infosQualite><codeQualite>Membre</codeQualite></infosQualite>
        <organes><organeRef>PO845407</organeRef></organes></mandat></mandats>
    </acteur>""".encode()
    person = person_from_dict(xmltools.to_dict(xmltools.parse(xml)))
    assert isinstance(person, Person)
    assert (person.uid, person.birth_date, person.birth_city, person.birth_department) == (
        "PA9", date(1960, 3, 2), None, None)
    (mandate,) = person.mandates
    assert (mandate.uid, mandate.organ_uids, mandate.legislature, mandate.quality) == (
        "PM9", ("PO845407",), None, "Membre")


# --- Failures name the field ----------------------------------------------------------------------------


@pytest.mark.parametrize("build, body, message", [
    (mandate_from_dict, {**MANDATE, "uid": "PM1", "dateDebut": "2024-13-01"},
     "mandat PM1.dateDebut: '2024-13-01' is not a possible date"),
    (mandate_from_dict, {**MANDATE, "uid": "PM1", "dateFin": "31/02/2024"},
     "mandat PM1.dateFin: '31/02/2024' is not a possible date"),
    (mandate_from_dict, {**MANDATE, "uid": "PM1", "acteurRef": {"@xsi:nil": "true"}},
     "mandat PM1.acteurRef: missing"),
    (mandate_from_dict, {**MANDATE, "uid": None}, "mandat.uid: missing"),
    (mandate_from_dict, {**MANDATE, "uid": "PM1", "legislature": "XVII"},
     "mandat PM1.legislature: 'XVII' is not a whole number"),
    (mandate_from_dict, {**MANDATE, "uid": "PM1", "election": {"lieu": {"numCirco": "6e"}}},
     "mandat PM1.election.lieu.numCirco: '6e' is not a whole number"),
    (mandate_from_dict, {**MANDATE, "uid": "PM1", "organes": {"organeRef": ["PO1", "PO 2"]}},
     "mandat PM1.organes.organeRef[1]: 'PO 2' is not an Assemblée nationale uid"),
    (organ_from_dict, {"uid": "PO1", "libelle": "Sans type"}, "organe PO1.codeType: missing"),
    (organ_from_dict, {"uid": "PO1", "codeType": {"@xsi:nil": "true"}}, "organe PO1.codeType: missing"),
    (organ_from_dict, {"uid": "PO1", "codeType": "GP", "viMoDe": {"dateDebut": "2024-02-30"}},
     "organe PO1.viMoDe.dateDebut: '2024-02-30' is not a possible date"),
    (organ_from_dict, {"uid": "PO1", "codeType": "GP", "viMoDe": "2024"}, "organe PO1.viMoDe.dateDebut:"),
    (organ_from_dict, {"uid": "PO1", "codeType": "GP", "libelle": {"a": 1}}, "organe PO1.libelle: expected a value"),
    (organ_from_dict, {"codeType": "GP"}, "organe.uid: missing"),
    (person_from_dict, {**_acteur(None), "uid": "PA/1"}, "acteur.uid: 'PA/1' is not an Assemblée nationale uid"),
    (person_from_dict, _acteur({"mandat": {**MANDATE, "dateDebut": "2024-00-10"}}),
     "acteur PA1: mandat PM10.dateDebut: '2024-00-10' is not a possible date"),
    (person_from_dict, {**_acteur(None), "etatCivil": {"infoNaissance": {"dateNais": "1er mai"}}},
     "acteur PA1.etatCivil.infoNaissance.dateNais: '1er mai' is not a date"),
    (person_from_dict, None, "acteur: expected an object"),
])
def test_errors_name_the_record_and_field(build, body, message):
    with pytest.raises(RecordError) as caught:
        build(body)
    assert str(caught.value).startswith(message), str(caught.value)
