"""The reader: which files a run sees, under which ids, and how their bytes become text."""

from __future__ import annotations

import codecs
import hashlib
import os
import random
from pathlib import Path

import pytest

from extract.io.inputs import read_source
from extract.io.reader import MAX_BYTES, InputError, Source, decode
from extract.run.discovery import SKIPPED_KIND, Options, discover

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make(root: Path, *names: str, content: str = "An article.\n") -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def symlink(link: Path, target: str | Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available here")


def ids(paths: list[str | Path]) -> list[str]:
    return [s.doc_id for s in discover(paths).sources]


# --- discovery ------------------------------------------------------------------------------

NESTED = ["b.txt", "a/z.txt", "a/b/c.txt", "A.TXT", "a-b/x.Txt", "notes.md", "a/b/data.csv", "a/p.html", "q.HTM.gz"]


def test_discover_recurses_and_sorts_whatever_the_creation_order(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    make(first, *NESTED)
    make(second, *reversed(NESTED))
    expected = ["A.TXT", "a-b/x.Txt", "a/b/c.txt", "a/p.html", "a/z.txt", "b.txt", "q.HTM.gz"]
    assert ids([first]) == ids([second]) == expected
    found = discover([first])
    assert found.sources[0] == Source(first / "A.TXT", "A.TXT")
    assert found.skipped == [
        (first / "a/b/data.csv", SKIPPED_KIND),
        (first / "notes.md", SKIPPED_KIND),
    ]


def test_discover_reads_more_of_a_folder_when_asked(tmp_path: Path) -> None:
    make(tmp_path, "a.txt", "notes.md", "b/c.MD", "data.csv")
    found = discover([tmp_path], Options(include=("*.md", "*.MD")))
    assert [s.doc_id for s in found.sources] == ["a.txt", "b/c.MD", "notes.md"]
    assert found.skipped == [(tmp_path / "data.csv", SKIPPED_KIND)]


def test_discover_does_not_depend_on_the_listing_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "news/zz-real/a.txt", "news/b.txt", "news/c.md", "other/b.txt")
    symlink(tmp_path / "news/aa-link", "zz-real")
    arguments = [tmp_path / "news", tmp_path / "other"]
    listed = discover(arguments)
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path: list(reversed(listdir(path))))
    assert discover(arguments) == listed


def test_discover_skips_dot_files_and_folders_silently(tmp_path: Path) -> None:
    make(tmp_path, "kept.txt", ".hidden.txt", ".git/HEAD", ".cache/old.txt", "sub/.draft.txt")
    found = discover([tmp_path])
    assert [s.doc_id for s in found.sources] == ["kept.txt"]
    assert found.skipped == []


def test_discover_takes_a_dot_file_named_on_the_command_line(tmp_path: Path) -> None:
    make(tmp_path, ".hidden.txt")
    assert ids([tmp_path / ".hidden.txt"]) == [".hidden.txt"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["news/a.txt"], ["a.txt"]),
        (["news/a.txt", "news/notes.md"], ["a.txt", "notes.md"]),
        (["news"], ["a.txt", "sub/b.txt"]),
        (["news/sub"], ["b.txt"]),
    ],
)
def test_discover_names_files_relative_to_their_argument(
    tmp_path: Path, arguments: list[str], expected: list[str]
) -> None:
    make(tmp_path / "news", "a.txt", "sub/b.txt", "notes.md")
    assert ids([tmp_path / a for a in arguments]) == expected


def test_discover_reads_a_file_named_on_the_command_line_whatever_its_name(tmp_path: Path) -> None:
    make(tmp_path, "notes.md", "README", "story.text")
    found = discover([tmp_path / "notes.md", tmp_path / "README", tmp_path / "story.text"])
    assert [s.doc_id for s in found.sources] == ["README", "notes.md", "story.text"]
    assert found.skipped == []
    assert read_source(tmp_path / "notes.md").text == "An article.\n"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["news", "news"], ["a.txt", "sub/b.txt"]),
        (["news", "news/a.txt"], ["a.txt", "sub/b.txt"]),
        (["news/a.txt", "news"], ["a.txt", "sub/b.txt"]),
        (["news", "news/sub"], ["a.txt", "sub/b.txt"]),
        (["news/sub", "news"], ["a.txt", "b.txt"]),
        (["news/sub/../sub", "news/sub"], ["b.txt"]),
    ],
)
def test_discover_lists_a_file_reachable_twice_once(tmp_path: Path, arguments: list[str], expected: list[str]) -> None:
    make(tmp_path / "news", "a.txt", "sub/b.txt")
    found = discover([tmp_path / a for a in arguments])
    assert [s.doc_id for s in found.sources] == expected
    assert len({s.path.resolve() for s in found.sources}) == len(expected)


def test_discover_survives_symlink_loops(tmp_path: Path) -> None:
    make(tmp_path, "news/a.txt", "news/sub/b.txt")
    symlink(tmp_path / "news/loop", ".")
    symlink(tmp_path / "news/sub/up", "..")
    symlink(tmp_path / "news/self", tmp_path / "news/self")
    found = discover([tmp_path / "news"])
    assert [s.doc_id for s in found.sources] == ["a.txt", "sub/b.txt"]
    assert found.skipped == [(tmp_path / "news/self", "broken symbolic link")]


def test_discover_prefers_real_paths_to_symlinked_ones(tmp_path: Path) -> None:
    make(tmp_path, "news/zz-real/a.txt", "news/zz-real.txt")
    symlink(tmp_path / "news/aa-link", "zz-real")  # sorts first, but is only a link
    symlink(tmp_path / "news/aa-link.txt", "zz-real.txt")
    symlink(tmp_path / "news/gone.txt", "nowhere.txt")
    found = discover([tmp_path / "news"])
    assert [s.doc_id for s in found.sources] == ["zz-real.txt", "zz-real/a.txt"]
    assert found.skipped == [(tmp_path / "news/gone.txt", "broken symbolic link")]


def test_discover_follows_a_symlink_to_a_folder_outside(tmp_path: Path) -> None:
    make(tmp_path, "elsewhere/a.txt")
    make(tmp_path, "news/b.txt")
    symlink(tmp_path / "news/linked", tmp_path / "elsewhere")
    assert ids([tmp_path / "news"]) == ["b.txt", "linked/a.txt"]


@pytest.mark.parametrize(
    ("files", "arguments", "expected"),
    [
        (["a/x.txt", "b/x.txt"], ["a", "b"], {"x.txt": "a/x.txt", "b/x.txt": "b/x.txt"}),
        (["a/x.txt", "b/x.txt"], ["b", "a"], {"x.txt": "b/x.txt", "a/x.txt": "a/x.txt"}),
        (
            ["a/x.txt", "b/x.txt"],
            ["a/x.txt", "b/x.txt"],
            {"x.txt": "a/x.txt", "b/x.txt": "b/x.txt"},
        ),
        (
            ["a/x.txt", "b/x.txt", "c/b/x.txt"],
            ["a", "b", "c"],
            {"x.txt": "a/x.txt", "b/x.txt": "b/x.txt", "c/b/x.txt": "c/b/x.txt"},
        ),
        (
            ["p/data/x.txt", "q/data/x.txt", "r/data/x.txt"],
            ["p/data", "q/data", "r/data"],
            {"x.txt": "p/data/x.txt", "data/x.txt": "q/data/x.txt", "r/data/x.txt": "r/data/x.txt"},
        ),
    ],
)
def test_discover_makes_colliding_ids_unique(
    tmp_path: Path, files: list[str], arguments: list[str], expected: dict[str, str]
) -> None:
    make(tmp_path, *files)
    found = discover([tmp_path / a for a in arguments])
    got = {s.doc_id: s.path.relative_to(tmp_path).as_posix() for s in found.sources}
    assert got == expected


def test_discover_rejects_a_missing_path_before_walking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "news/a.txt")
    missing = tmp_path / "nwes"
    monkeypatch.setattr(os, "listdir", lambda path: pytest.fail(f"walked {path}"))
    with pytest.raises(InputError) as err:
        discover([tmp_path / "news", missing])
    assert str(err.value) == f"no such file or folder: {missing}"


@pytest.mark.skipif(IS_ROOT, reason="root can read any folder")
def test_discover_reports_an_unreadable_folder(tmp_path: Path) -> None:
    make(tmp_path, "news/a.txt", "news/locked/b.txt")
    locked = tmp_path / "news/locked"
    locked.chmod(0)
    try:
        found = discover([tmp_path / "news"])
    finally:
        locked.chmod(0o755)
    assert [s.doc_id for s in found.sources] == ["a.txt"]
    assert found.skipped == [(locked, "cannot read folder: Permission denied")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_skipped_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert discover([tmp_path]).skipped == [(pipe, "not a regular file")]
    with pytest.raises(InputError, match=r"^not a regular file"):
        read_source(pipe)  # would wait for a writer forever if it opened the pipe


# --- decoding -------------------------------------------------------------------------------

ARTICLE = "The council said it would cost \u00a33.2m. \u201cIt is too much,\u201d said Mr Smith.\n"
FRENCH = "Le caf\u00e9 cr\u00e8me \u00e9tait na\u00eff, \u00e0 Gen\u00e8ve.\n"
# "The minister said the budget would be balanced."
RUSSIAN = (
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b, "
    "\u0447\u0442\u043e \u0431\u044e\u0434\u0436\u0435\u0442 \u0431\u0443\u0434\u0435\u0442 "
    "\u0441\u0431\u0430\u043b\u0430\u043d\u0441\u0438\u0440\u043e\u0432\u0430\u043d.\n"
)
LINE_ENDINGS = "One.\r\nTwo.\rThree.\n"
ODD_SPACES = "No\u00a0break, zero\u200bwidth, \ufeffinner BOM.\n"


def with_bom(bom: bytes, codec: str) -> bytes:
    return bom + ARTICLE.encode(codec)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(ARTICLE.encode("utf-8"), ARTICLE, "utf-8", id="utf-8"),
        pytest.param(with_bom(codecs.BOM_UTF8, "utf-8"), ARTICLE, "utf-8-sig", id="utf-8 BOM"),
        pytest.param(with_bom(codecs.BOM_UTF16_LE, "utf-16-le"), ARTICLE, "utf-16", id="utf-16 LE"),
        pytest.param(with_bom(codecs.BOM_UTF16_BE, "utf-16-be"), ARTICLE, "utf-16", id="utf-16 BE"),
        pytest.param(with_bom(codecs.BOM_UTF32_LE, "utf-32-le"), ARTICLE, "utf-32", id="utf-32 LE"),
        pytest.param(with_bom(codecs.BOM_UTF32_BE, "utf-32-be"), ARTICLE, "utf-32", id="utf-32 BE"),
        pytest.param(ARTICLE.encode("cp1252"), ARTICLE, "cp1252", id="cp1252"),
        # Latin-1 text is also valid cp1252 with the same letters; cp1252 is preferred.
        pytest.param(FRENCH.encode("latin-1"), FRENCH, "cp1252", id="latin-1"),
        # The cp1252 preference must not swallow other scripts' code pages.
        pytest.param(RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251", id="cp1251"),
        pytest.param(LINE_ENDINGS.encode(), LINE_ENDINGS, "utf-8", id="CRLF and CR kept"),
        pytest.param(ODD_SPACES.encode(), ODD_SPACES, "utf-8", id="NBSP and zero-width kept"),
        pytest.param(b"Nine char\x01", "Nine char\x01", "utf-8", id="10% control characters"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding) == (text, encoding)
    assert decoded.sha256 == hashlib.sha256(data).hexdigest()


def test_read_source_decodes_the_file(tmp_path: Path) -> None:
    data = ARTICLE.encode("cp1252")
    assert b"\xa3" in data and b"\x93" in data and b"\x94" in data  # £ and curly quotes
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_source(path) == decode(data)
    assert read_source(path).text == ARTICLE


RANDOM = random.Random(20240501)
RANDOM_BYTES = RANDOM.randbytes(4096)
RANDOM_NO_NUL = bytes(RANDOM.randrange(1, 256) for _ in range(4096))

BINARY = "binary content, not text (is this really an article?)"
EMPTY = "empty file (nothing to extract)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", EMPTY, id="empty"),
        pytest.param(" \t\r\n\n \u00a0".encode(), EMPTY, id="whitespace only"),
        pytest.param(codecs.BOM_UTF8, EMPTY, id="only a BOM"),
        pytest.param(codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), EMPTY, id="utf-16 spaces"),
        pytest.param(b"Some text\x00\x00\x00more", BINARY, id="NUL bytes, over 1% of the file"),
        pytest.param(codecs.BOM_UTF8 + b"text\x00", BINARY, id="NUL bytes after a UTF-8 BOM"),
        pytest.param(RANDOM_BYTES, BINARY, id="random bytes"),
        pytest.param(b"\x1b[31mred\x1b[0m\x07\x07", BINARY, id="control characters"),
        pytest.param(
            RANDOM_NO_NUL,
            "cannot decode the text (not UTF-8, UTF-16 or a single-byte encoding)",
            id="random bytes without NUL",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + b"a\x00b",
            "cannot decode the text: it starts with a UTF-16 byte-order mark but is not valid UTF-16",
            id="broken utf-16",
        ),
        pytest.param(
            codecs.BOM_UTF8 + b"caf\xe9",
            "cannot decode the text: it starts with a UTF-8 byte-order mark but is not valid UTF-8",
            id="broken utf-8 after a BOM",
        ),
    ],
)
def test_decode_refuses(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("short\n" + "x" * 21 + "\n", "line 2 is 21 characters long, over the 20 limit"),
        ("a\rb\r\n" + "x" * 25, "line 3 is 25 characters long, over the 20 limit"),
    ],
)
def test_decode_refuses_a_long_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        decode(text.encode(), max_line_chars=20)
    assert str(err.value) == f"{message}: not article text"


def test_decode_accepts_a_line_of_exactly_max_line_chars() -> None:
    text = "x" * 20 + "\r\n" + "y" * 20
    assert decode(text.encode(), max_line_chars=20).text == text


def test_default_line_limit_message() -> None:
    with pytest.raises(InputError) as err:
        decode(b"x" * 1_048_576)
    assert str(err.value) == ("line 1 is 1,048,576 characters long, over the 100,000 limit: not article text")


# --- reading --------------------------------------------------------------------------------

ADVICE = "split it or raise --max-bytes"


def test_read_source_checks_the_size_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 40)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("opened a file that is over the limit")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(InputError) as err:
        read_source(path, max_bytes=100)
    assert str(err.value) == f"file is 200 bytes, over the 100 bytes limit; {ADVICE}"


def test_read_source_accepts_a_file_of_exactly_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"word " * 20)
    assert read_source(path, max_bytes=100).text == "word " * 20


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        (72_400_000, MAX_BYTES, "file is 72.4 MB, over the 64 MB limit"),
        (52_400_000, 10_000_000, "file is 52.4 MB, over the 10 MB limit"),
        # Rounded, both would read "10 MB": exact counts instead.
        (10_000_001, 10_000_000, "file is 10,000,001 bytes, over the 10,000,000 bytes limit"),
        (1_500, 1_000, "file is 1.5 kB, over the 1 kB limit"),
    ],
)
def test_size_message(tmp_path: Path, size: int, limit: int, message: str) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as file:
        file.truncate(size)  # sparse: takes no disk space, and is never read
    with pytest.raises(InputError) as err:
        read_source(path, max_bytes=limit)
    assert str(err.value) == f"{message}; {ADVICE}"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_read_source_caps_a_file_whose_size_stat_does_not_know() -> None:
    with pytest.raises(InputError) as err:
        read_source(Path("/proc/self/status"), max_bytes=100)  # stat says 0 bytes
    assert str(err.value) == f"file is over the 100 bytes limit; {ADVICE}"


def test_read_source_vanished_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("An article.\n")
    [source] = discover([tmp_path]).sources
    path.unlink()
    with pytest.raises(InputError) as err:
        read_source(source.path)
    assert str(err.value) == "cannot read: No such file or directory"


def test_read_source_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_source(tmp_path)
    assert str(err.value) == "cannot read: Is a directory"


@pytest.mark.skipif(IS_ROOT, reason="root can read any file")
def test_read_source_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("An article.\n")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as err:
            read_source(path)
    finally:
        path.chmod(0o644)
    assert str(err.value) == "cannot read: Permission denied"
