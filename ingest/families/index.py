"""The template index of one corpus (question texts or answer texts): texts added a batch at a time, each batch
compared with itself and with everything indexed before, the families recomputed from the confirmed pairs.

Adding texts never reads the old ones again: a new text's candidates are found in the old texts' sorted band
keys, and only the shingle sets of those candidates are read (from memory maps). A batch added to an index gives
the same families, ids and similarities as one run over all the texts at once: candidates are pairs that share a
band key, wherever the two texts are; exact copies join the first text of their set; families are the components
of the confirmed pairs, and their ids depend only on their members (tests check it).

The index is kept in a folder (:mod:`.storage`; ``None`` keeps it in memory only). It is rebuilt — opened empty,
to be filled with every text again — when the parameters it was built under differ from those asked for, or,
with ``on_damage="rebuild"``, when one of its files is damaged (``rebuilt`` says why). A text whose uid is
already indexed is skipped when it is the same (:meth:`TextRecord.source_digest`), and reported as changed,
not applied, when it differs: a change may split a family, which only a rebuild does.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from hemicycle.ingest.families.detect import NO_COPY, Prepared, batches, confirm, estimates, prepare
from hemicycle.ingest.families.families import Catalogue, Family, aliases, build, components
from hemicycle.ingest.families.minhash import candidate_pairs, candidates_against, permutations, sort_bands
from hemicycle.ingest.families.records import TextRecord
from hemicycle.ingest.families.settings import CORPORA, ID_PREFIX, INDEX_FORMAT, Parameters
from hemicycle.ingest.families.segments import Incoming, Segment, column, gather, merge, rows
from hemicycle.ingest.families.storage import (META, MANIFEST, damaged, read_manifest, read_segment, read_state,
                                               remove_unused, write_manifest, write_segment, write_state)
from hemicycle.ontology.errors import StoreError

#: more segments than this and the newest :data:`MERGED` are merged into one when the index is saved
MAX_SEGMENTS, MERGED = 8, 6


@dataclass
class AddReport:
    """What :meth:`TemplateIndex.add` did."""

    added: int = 0
    unchanged: int = 0
    changed: tuple[str, ...] = ()  # indexed with another text or record: not applied (rebuild to apply them)
    repeated: tuple[str, ...] = ()  # uids given twice in the batch: the first was taken
    short: int = 0  # added texts too short to be compared
    copies: int = 0  # added texts that are exact copies of another
    candidates: int = 0
    confirmed: int = 0
    families: int = 0  # after the addition
    seconds: dict[str, float] = field(default_factory=dict)


class TemplateIndex:
    """The texts of one corpus, their confirmed pairs and families. :meth:`open` one in a folder, :meth:`add`
    texts (saved at once), read :meth:`families`."""

    def __init__(self, corpus: str = "question", params: Parameters | None = None, folder: Path | None = None):
        if corpus not in CORPORA:
            raise ValueError(f"corpus is one of {CORPORA}, not {corpus!r}")
        self.corpus, self.params, self.folder = corpus, params or Parameters(), folder
        self.segments: list[Segment] = []
        self.pairs = np.zeros((0, 2), dtype=np.int64)
        self.similarity = np.zeros(0, dtype=np.float32)
        self.aliases: dict[str, str] = {}
        self.generation = 0
        self._permutations: tuple[np.ndarray, np.ndarray] | None = None
        self.rebuilt: str | None = None  # why the index in the folder was not used (a new index has None)
        self._unsaved: set[str] = set()
        self._replace = False  # the folder holds an index that this one replaces when it is saved
        self._reset_caches()

    # --- opening ------------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: str | Path, corpus: str = "question", params: Parameters | None = None,
             on_damage: str = "raise") -> "TemplateIndex":
        """The index in ``folder`` (empty when there is none). Built under other parameters, it is opened empty
        and replaced when saved (``rebuilt`` says so). A damaged file raises a StoreError naming it, or with
        ``on_damage="rebuild"`` is treated as a change of parameters."""
        if on_damage not in ("raise", "rebuild"):
            raise ValueError(f"on_damage is 'raise' or 'rebuild', not {on_damage!r}")
        index = cls(corpus, params, Path(folder))
        try:
            manifest = read_manifest(index.folder)
            if manifest is None:
                return index
            # past every name in the folder: a save that failed may have left files of later generations
            index.generation = max([int(manifest["generation"])] + [_number(p.name) for p in index.folder.iterdir()])
            wanted = index.params.identity()
            if manifest["parameters"] != wanted or manifest.get("corpus") != corpus:
                old = manifest["parameters"] if isinstance(manifest["parameters"], dict) else {}
                changes = [f"{key} {old.get(key)!r} → {wanted[key]!r}" for key in wanted if old.get(key) != wanted[key]]
                if manifest.get("corpus") != corpus:
                    changes.append(f"corpus {manifest.get('corpus')!r} → {corpus!r}")
                index._start_over("parameters changed: " + "; ".join(changes))
                return index
            index._load(manifest)
        except StoreError as error:
            if on_damage == "raise" or not hasattr(error, "detail"):
                raise
            index._start_over(f"damaged: {error}")
            index.generation = max([index.generation] + [_number(p.name) for p in index.folder.iterdir()])
        return index

    def _start_over(self, why: str) -> None:
        self.segments, self.aliases, self.rebuilt, self._replace = [], {}, why, True
        self._permutations = None
        self.pairs, self.similarity = np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.float32)
        self._reset_caches()

    def _load(self, manifest: dict) -> None:
        start = 0
        for entry in manifest["segments"]:
            self.segments.append(read_segment(self.folder, entry, start, self.params.bands))
            start += len(self.segments[-1])
        if start != manifest["documents"]:
            raise damaged(self.folder / MANIFEST, f"{manifest['documents']:,} texts said, {start:,} in the segments")
        state = manifest["state"]
        self.pairs, self.similarity = read_state(self.folder / state["name"], state["size"], start)
        self.pairs = self.pairs.astype(np.int64)
        self.aliases = dict(manifest["aliases"])
        stored = manifest.get("permutations")
        if stored is not None:
            a, b = (np.array(values, dtype=np.uint64) for values in stored)
            if a.shape != (self.params.num_perm,) or b.shape != a.shape or not np.all(a & np.uint64(1)) \
                    or a.max() >= 2**32 or b.max() >= 2**32:
                raise damaged(self.folder / MANIFEST, "its MinHash permutations are not those of its parameters")
            self._permutations = a.astype(np.uint32), b.astype(np.uint32)
        self._reset_caches()

    @property
    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        """The MinHash permutations ``(a, b)``: datasketch's for the parameters when the index was made, kept in
        its manifest since (an index never changes its hash functions, whatever datasketch's version)."""
        if self._permutations is None:
            self._permutations = permutations(self.params.num_perm, self.params.seed)
        return self._permutations

    def _reset_caches(self) -> None:
        self._catalogue: Catalogue | None = None
        self._families: list[Family] | None = None
        self._family_of: dict[str, Family] | None = None
        self._components: list[np.ndarray] | None = None
        self._position: dict[str, int] | None = None
        self._first: dict[int, int] | None = None

    # --- what it holds ------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return sum(len(segment) for segment in self.segments)

    def _column(self, key: str) -> np.ndarray:
        return column(self.segments, key)

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = Catalogue(*(self._column(key) for key in META[:-1]))
        return self._catalogue

    @property
    def positions(self) -> dict[str, int]:
        """Each uid's global index."""
        if self._position is None:
            self._position = {uid: i for i, uid in enumerate(self.catalogue.uids.tolist())}
        return self._position

    def _firsts(self) -> dict[int, int]:
        """The digest of each banded text's shingle set → its global index (the first text of its set)."""
        if self._first is None:
            digests, banded = self._column("digests"), self._column("banded").astype(bool)
            where = np.flatnonzero(banded)
            self._first = dict(zip(digests[where].tolist(), where.tolist()))
        return self._first

    def sets(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The shingle sets of the texts at global ``indices``, in that order: ``(offsets, hashes)``."""
        return gather(self.segments, indices)

    def families(self) -> list[Family]:
        """The families, ordered by their earliest members (computed once after each change)."""
        if self._families is None:
            self._families = build(self.corpus, self.catalogue, self._groups(), self.sets)
        return self._families

    def _groups(self) -> list[np.ndarray]:
        """The components of the confirmed pairs, of two texts or more (computed once after each change)."""
        if self._components is None:
            self._components = components(len(self), self.pairs)
        return self._components

    def family_of(self, uid: str) -> Family | None:
        """The family a text belongs to, or ``None``."""
        if self._family_of is None:
            self._family_of = {member: family for family in self.families() for member in family.uids}
        return self._family_of.get(uid)

    def _ids(self) -> dict[str, tuple[str, ...]]:
        """Each family's id and member uids, earliest first, without their similarities (for the aliases)."""
        catalogue, prefix, result = self.catalogue, ID_PREFIX[self.corpus], {}
        for group in self._groups():
            members = sorted(group.tolist(), key=catalogue.order_key)
            uids = tuple(str(catalogue.uids[i]) for i in members)
            result[f"{prefix}-{uids[0]}"] = uids
        return result

    # --- adding -------------------------------------------------------------------------------------------------

    def add(self, records: Iterable[TextRecord], workers: int | None = None, save: bool = True) -> AddReport:
        """Add the texts not yet indexed, confirm their pairs with one another and with the indexed texts, update
        the families and their aliases, and save the index (when it has a folder and ``save``). The records are
        read as they come (an iterator is never held whole: only what the index keeps of each text is)."""
        clock, report, incoming = time.perf_counter(), AddReport(), Incoming()
        before = self._ids() if len(self.pairs) else {}
        prepared, copy_of = prepare(batches(self._fresh(records, report, incoming)), self.params,
                                    self.permutations, workers, known=self._firsts())
        report.seconds["prepare"] = time.perf_counter() - clock
        if len(incoming.uids):
            self._add(incoming, prepared, copy_of, report)
            if before:
                self.aliases = aliases(before, self._ids(), self.aliases)
        if save and self.folder is not None and (len(incoming.uids) or self._replace
                                                 or not (self.folder / "index.json").exists()):
            started = time.perf_counter()
            self.save()
            report.seconds["save"] = time.perf_counter() - started
        report.families = len(self._groups())
        report.seconds["total"] = time.perf_counter() - clock
        return report

    def _fresh(self, records: Iterable[TextRecord], report: AddReport, incoming: "Incoming") -> Iterator[TextRecord]:
        """The records not yet indexed, their metadata noted in ``incoming``; the others counted in ``report``."""
        seen, changed, repeated = set(), [], []
        positions, sources = self.positions, None
        for record in records:
            if record.uid in seen:
                repeated.append(record.uid)
                continue
            seen.add(record.uid)
            at = positions.get(record.uid)
            if at is None:
                incoming.note(record)
                yield record
                continue
            if sources is None:
                sources = self._column("sources")
            if int(sources[at]) == record.source_digest():
                report.unchanged += 1
            else:
                changed.append(record.uid)
        report.changed, report.repeated = tuple(changed), tuple(repeated)

    def _add(self, incoming: "Incoming", prepared: Prepared, copy_of: np.ndarray, report: AddReport) -> None:
        started, params, base = time.perf_counter(), self.params, len(self)
        sizes = np.diff(prepared.offsets)
        report.added, report.short = len(incoming.uids), int((sizes < params.min_common).sum())
        copies = np.flatnonzero(copy_of != NO_COPY)
        report.copies = len(copies)
        origin = copy_of[copies]
        found = [np.stack([np.where(origin >= 0, origin, base - 1 - origin), base + copies], axis=1)]
        similarities = [np.ones(len(copies), dtype=np.float32)]

        banded = np.flatnonzero(prepared.banded)
        keys = prepared.keys[banded]
        sorted_keys, order = sort_bands(keys)
        within = banded[candidate_pairs(sorted_keys, order)]
        against = [(segment, candidates_against(keys, segment.arrays["sorted_keys"], segment.arrays["order"]))
                   for segment in self.segments]
        report.candidates = len(within) + sum(len(pairs) for _, pairs in against)
        report.seconds["candidates"] = time.perf_counter() - started
        started = time.perf_counter()
        sketches = prepared.sketches
        pairs, similarity = confirm(within, prepared.offsets, prepared.hashes, params,
                                    estimates(sketches, within[:, 0], sketches, within[:, 1]))
        found.append(base + pairs)
        similarities.append(similarity)
        old = np.concatenate([segment.start + pairs[:, 1] for segment, pairs in against]) if against else []
        if len(old):
            new = banded[np.concatenate([pairs[:, 0] for _, pairs in against])]
            distinct, compact = np.unique(old, return_inverse=True)
            estimated = estimates(sketches, new, rows(self.segments, "sketches", distinct), compact)
            pairs, similarity = confirm(np.stack([new, compact], axis=1), prepared.offsets, prepared.hashes, params,
                                        estimated, right=self.sets(distinct))
            found.append(np.stack([distinct[pairs[:, 1]], base + pairs[:, 0]], axis=1))
            similarities.append(similarity)
        confirmed = np.concatenate(found).astype(np.int64)
        report.confirmed = len(confirmed) - len(copies)
        report.seconds["verify"] = time.perf_counter() - started

        arrays = {**incoming.arrays(), "offsets": prepared.offsets, "hashes": prepared.hashes,
                  "digests": prepared.digests, "banded": prepared.banded, "sketches": prepared.sketches,
                  "sorted_keys": sorted_keys,
                  "order": banded[order].astype(np.int32)}
        self.segments.append(Segment(self._name(), base, arrays))
        self._unsaved.add(self.segments[-1].name)
        self.pairs = np.concatenate([self.pairs, confirmed])
        self.similarity = np.concatenate([self.similarity, *similarities])
        self._reset_caches()

    def _name(self) -> str:
        self.generation += 1
        return f"seg-{self.generation:06d}"

    # --- saving -------------------------------------------------------------------------------------------------

    def save(self) -> None:
        """Write what is not yet written: new segments, the state, then the manifest (see :mod:`.storage`)."""
        if self.folder is None:
            raise ValueError("this index has no folder to be saved in")
        self.folder.mkdir(parents=True, exist_ok=True)
        if len(self.segments) > MAX_SEGMENTS:
            tail = self.segments[-MERGED:]
            merged = merge(tail, self._name())
            self.segments = self.segments[:-MERGED] + [merged]
            self._unsaved = (self._unsaved - {s.name for s in tail}) | {merged.name}
        entries = []
        for segment in self.segments:
            if segment.name in self._unsaved:
                segment.files = write_segment(self.folder, segment.name, segment.arrays)
            entries.append({"name": segment.name, "count": len(segment), "files": segment.files})
        self.generation += 1
        state = f"state-{self.generation:06d}.npz"
        size = write_state(self.folder / state, self.pairs.astype(np.int32 if len(self) < 2**31 else np.int64),
                           self.similarity)
        manifest = {
            "format": INDEX_FORMAT, "corpus": self.corpus, "parameters": self.params.identity(), "generation": self.generation,
            "segments": entries, "state": {"name": state, "size": size}, "aliases": dict(sorted(self.aliases.items())),
            "documents": len(self), "pairs": len(self.pairs),
            "permutations": [values.tolist() for values in self.permutations],
            "updated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        write_manifest(self.folder, manifest)
        self._unsaved.clear()
        self._replace = False
        remove_unused(self.folder, manifest)
        # read the new segments back through memory maps: the arrays made in memory are let go
        for i, entry in enumerate(entries):
            if not isinstance(self.segments[i].arrays["hashes"], np.memmap):
                self.segments[i] = read_segment(self.folder, entry, self.segments[i].start, self.params.bands)
        self._reset_caches()


def _number(name: str) -> int:
    digits = "".join(c for c in name.split(".")[0] if c.isdigit())
    return int(digits) if digits and name.startswith(("seg-", "state-")) else 0
