"""File safety (issue 11): nothing deleted or overwritten that the tool did not create, writes
through symlinks, one-line errors for every file-system failure, concurrent runs, a cache that
cannot run code, inputs that are regular files."""
import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from conftest import EDGE, ROOT

SHIPPED = ROOT / "papers.yaml"


def cli(*args, env=None, cwd=None, timeout=120, umask=None):
    """Run the real CLI in a subprocess (for FIFOs, umasks and concurrency)."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "unlearn_bib", *map(str, args)], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=timeout,
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def one_line_error(result, *fragments):
    """Exit 1, a single error line (the last) holding every fragment, no traceback."""
    err = result.stderr
    assert getattr(result, "exit_code", getattr(result, "returncode", None)) == 1, err
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("Error: ")]  # reports may come first
    assert len(lines) == 1 and err.rstrip("\n").endswith(lines[0]), err
    for fragment in fragments:
        assert fragment in lines[0], err
    return lines[0]


def tree(path):
    return {p.relative_to(path).as_posix(): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
            for p in sorted(path.rglob("*"))}


def bib(path, title, arxiv):
    path.write_text(f"@misc{{x{arxiv.replace('.', '')},\n  title = {{{title}}},\n  author = {{Tester, Ann}},\n"
                    f"  year = {{2025}},\n  eprint = {{{arxiv}}},\n  archivePrefix = {{arXiv}},\n}}\n")
    return path


# --- 1. release never deletes what it did not create -----------------------------------------

def test_release_refuses_a_folder_that_is_not_a_previous_bundle(run, tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "thesis.tex").write_text("\\documentclass{article}")
    (thesis / "refs.bib").write_text("@misc{mine}")
    before = tree(thesis)
    result = run("release", "--out", thesis, "--papers", EDGE)
    one_line_error(result, str(thesis), "not empty", "nothing written")
    assert tree(thesis) == before
    assert {p.name for p in tmp_path.iterdir()} == {"thesis"}


@pytest.mark.parametrize("where", ["cwd", "home"])
def test_release_into_the_current_or_home_folder_removes_nothing(run, tmp_path, monkeypatch, where):
    folder = tmp_path / "place"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(folder))
    result = run("release", "--out", "." if where == "cwd" else os.path.expanduser("~"), "--papers", EDGE)
    one_line_error(result, "not empty")
    assert tree(folder) == {"notes.txt": b"mine"} and folder.is_dir()


def test_release_out_root_is_refused_without_a_traceback(run):
    before = sorted(os.listdir("/"))
    result = run("release", "--out", "/", "--papers", EDGE)
    one_line_error(result, "/: folder is not empty")
    assert sorted(os.listdir("/")) == before


def test_release_fills_an_empty_existing_folder_in_place(run, tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    inode = out.stat().st_ino
    assert run("release", "--out", out, "--papers", EDGE).exit_code == 0
    assert out.stat().st_ino == inode and (out / "manifest.json").is_file()


def test_release_never_follows_a_symlink_inside_the_bundle(run, tmp_path):
    out = tmp_path / "dist"
    assert run("release", "--out", out, "--papers", EDGE).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "apa.txt").write_text("not the bundle's")
    shutil.rmtree(out / "styles")
    (out / "styles").symlink_to(elsewhere)
    result = run("release", "--out", out, "--papers", EDGE)
    one_line_error(result, "styles: is a symbolic link")
    assert tree(elsewhere) == {"apa.txt": b"not the bundle's"}


def test_a_forged_manifest_cannot_make_release_delete_other_files(run, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "own.txt").write_text("keep me")
    digest = hashlib.sha256(b"keep me").hexdigest()
    (out / "manifest.json").write_text(json.dumps({"tool": "unlearn-bib", "files": {
        "../victim.txt": {"sha256": digest}, str(victim): {"sha256": digest},
        "own.txt": {"sha256": "0" * 64}}}))
    assert run("release", "--out", out, "--papers", EDGE).exit_code == 0
    assert victim.read_text() == "keep me" and (out / "own.txt").read_text() == "keep me"


def test_release_will_not_overwrite_a_file_the_previous_bundle_did_not_list(run, tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"tool": "unlearn-bib", "files": {}}))
    (out / "index.html").write_text("my own page")
    one_line_error(run("release", "--out", out, "--papers", EDGE), "index.html", "not made by the previous bundle")
    assert (out / "index.html").read_text() == "my own page"


# --- 6. every OSError is one line naming the path; files stay intact ------------------------

def _fail(code):
    def raiser(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return raiser


class FullDisk:
    """os.fdopen for a disk that is full: every write fails with ENOSPC (as /dev/full does)."""

    real = os.fdopen

    def __init__(self, fd, *args, **kwargs):
        self.handle = FullDisk.real(fd, *args, **kwargs)

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_export_o_failure_is_one_line_and_keeps_the_target(run, tmp_path, monkeypatch, code):
    out = tmp_path / "refs.bib"
    out.write_text("GOOD")
    if code == errno.ENOSPC:
        monkeypatch.setattr(os, "fdopen", FullDisk)
    else:
        monkeypatch.setattr("tempfile.mkstemp", _fail(code))
    result = run("export", "-o", out)
    one_line_error(result, str(out), os.strerror(code).lower())
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"] and out.read_text() == "GOOD"


def test_normalize_in_place_unreplaceable_file_is_one_line(run, tmp_path, monkeypatch):
    src = tmp_path / "refs.bib"
    shutil.copy(ROOT / "tests" / "data" / "bib" / "scholar.bib", src)
    before = src.read_bytes()
    monkeypatch.setattr(os, "replace", _fail(errno.EBUSY))
    one_line_error(run("normalize", src, "--in-place"), str(src), "busy")
    assert src.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["refs.bib"]


def test_import_into_a_read_only_folder_is_one_line(run, tmp_path, monkeypatch):
    catalog = tmp_path / "papers.yaml"
    shutil.copy(SHIPPED, catalog)
    monkeypatch.setattr("tempfile.mkstemp", _fail(errno.EROFS))
    result = run("import", "--from", "bibtex", bib(tmp_path / "a.bib", "Synthetic Paper on Safety Alpha", "2501.99901"),
                 "--papers", catalog, "--section", "concept-unlearning")
    assert "read-only file system" in result.stderr.splitlines()[-1] and str(catalog) in result.stderr
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert catalog.read_bytes() == SHIPPED.read_bytes()


def test_import_into_a_missing_folder_is_one_line(run, tmp_path):
    catalog = tmp_path / "no" / "such" / "papers.yaml"
    result = run("import", "--from", "bibtex", bib(tmp_path / "a.bib", "Synthetic Paper on Safety Alpha", "2501.99901"),
                 "--papers", catalog, "--section", "concept-unlearning")
    assert result.exit_code == 1 and "does not exist" in result.stderr.splitlines()[-1]
    assert not (tmp_path / "no").exists()


def test_release_disk_full_leaves_no_partial_bundle(run, tmp_path, monkeypatch):
    out = tmp_path / "dist"
    monkeypatch.setattr(os, "rename", _fail(errno.ENOSPC))
    one_line_error(run("release", "--out", out, "--papers", EDGE), str(out), "no space left on device")
    assert list(tmp_path.iterdir()) == []


def test_release_update_failure_keeps_the_previous_bundle(run, tmp_path, monkeypatch):
    out = tmp_path / "dist"
    assert run("release", "--out", out, "--papers", EDGE).exit_code == 0
    before = tree(out)
    monkeypatch.setattr(os, "replace", _fail(errno.EIO))
    one_line_error(run("release", "--out", out, "--papers", EDGE), str(out), "input/output error")
    assert tree(out) == before


def test_an_unreadable_input_path_is_one_line(run, tmp_path):
    long_name = tmp_path / ("x" * 300 + ".yaml")
    one_line_error(run("export", "--papers", long_name), "file name too long")
    looping = tmp_path / "loop.yaml"
    looping.symlink_to(looping)
    one_line_error(run("export", "--papers", looping), "loop.yaml")


# --- 7. writes go through symlinks ----------------------------------------------------------

def test_export_o_writes_through_a_symlink(run, tmp_path):
    real = tmp_path / "real" / "refs.bib"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.bib"
    link.symlink_to(real)
    assert run("export", "-o", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == run("export").stdout and (real.stat().st_mode & 0o777) == 0o640


def test_normalize_in_place_writes_through_a_relative_symlink(run, tmp_path, monkeypatch):
    shutil.copy(ROOT / "tests" / "data" / "bib" / "scholar.bib", tmp_path / "real.bib")
    (tmp_path / "link.bib").symlink_to("real.bib")
    monkeypatch.chdir(tmp_path)
    assert run("normalize", "link.bib", "--in-place").exit_code == 0
    assert os.readlink("link.bib") == "real.bib" and "inproceedings" in (tmp_path / "real.bib").read_text()


def test_import_writes_through_a_symlinked_catalog(run, tmp_path):
    real = tmp_path / "data" / "papers.yaml"
    real.parent.mkdir()
    shutil.copy(SHIPPED, real)
    link = tmp_path / "papers.yaml"
    link.symlink_to(real)
    result = run("import", "--from", "bibtex", bib(tmp_path / "a.bib", "Synthetic Paper on Safety Alpha", "2501.99901"),
                 "--papers", link, "--section", "concept-unlearning")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and "2501.99901" in real.read_text()


def test_o_refuses_to_replace_a_device(run, tmp_path):
    one_line_error(run("export", "-o", "/dev/null"), "/dev/null", "is a device")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


# --- 8. concurrent runs ---------------------------------------------------------------------

def test_concurrent_imports_into_one_catalog_lose_nothing(tmp_path):
    catalog = tmp_path / "papers.yaml"
    shutil.copy(SHIPPED, catalog)
    titles = ["Forgetting Zebras in Latent Space", "Quantum Erasers for Prompt Embeddings",
              "Why Watermarks Survive Model Surgery", "Benchmarking Oblivion at Scale"]
    files = [bib(tmp_path / f"{n}.bib", title, f"2501.9990{n}") for n, title in enumerate(titles)]
    procs = [subprocess.Popen([sys.executable, "-m", "unlearn_bib", "import", "--from", "bibtex", f, "--papers", catalog,
                               "--section", "concept-unlearning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for f in files]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    text = catalog.read_text()
    assert all(f"2501.9990{n}" in text for n in range(4)), "an import was lost"


def _waits_for_the_folder_lock(folder, args, written):
    """Start ``args`` while this test holds the lock a running import or release holds on
    ``folder``: it must say it waits and write nothing until the lock is released."""
    import fcntl
    import queue

    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    lines: queue.Queue = queue.Queue()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "unlearn_bib", *map(str, args)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
        first = lines.get(timeout=90)
        assert "waiting for another unlearn-bib run" in first, first
        assert proc.poll() is None and not written()
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    assert proc.wait(timeout=120) == 0
    assert written()


def test_an_import_waits_while_another_run_holds_the_catalog_folder(tmp_path):
    catalog = tmp_path / "papers.yaml"
    shutil.copy(SHIPPED, catalog)
    source = bib(tmp_path / "a.bib", "Synthetic Paper on Safety Alpha", "2501.99901")
    _waits_for_the_folder_lock(tmp_path, ["import", "--from", "bibtex", source, "--papers", catalog,
                                          "--section", "concept-unlearning"],
                               lambda: "2501.99901" in catalog.read_text())


def test_a_release_waits_while_another_writes_beside_it(tmp_path):
    out = tmp_path / "dist"
    _waits_for_the_folder_lock(tmp_path, ["release", "--out", out, "--papers", EDGE],
                               lambda: (out / "manifest.json").exists())


def test_import_refuses_when_the_catalog_changed_since_it_was_read(run, tmp_path, monkeypatch):
    from unlearn_bib.tasks import import_bib

    catalog = tmp_path / "papers.yaml"
    shutil.copy(SHIPPED, catalog)
    real = import_bib.import_bibtex

    def edited_meanwhile(*args, **kwargs):
        plan = real(*args, **kwargs)
        catalog.write_text(catalog.read_text() + "\n# saved by an editor meanwhile\n")
        return plan

    monkeypatch.setattr(import_bib, "import_bibtex", edited_meanwhile)
    result = run("import", "--from", "bibtex", bib(tmp_path / "a.bib", "Synthetic Paper on Safety Alpha", "2501.99901"),
                 "--papers", catalog, "--section", "concept-unlearning")
    assert result.exit_code == 1 and "changed since it was read" in result.stderr.splitlines()[-1]
    assert catalog.read_text().endswith("# saved by an editor meanwhile\n")


def test_concurrent_releases_into_one_folder_both_succeed(tmp_path):
    out = tmp_path / "dist"
    procs = [subprocess.Popen([sys.executable, "-m", "unlearn_bib", "release", "--out", out, "--papers", EDGE],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and b"Traceback" not in err, err.decode()
    done = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"dist"}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


# --- 9. SOURCE_DATE_EPOCH --------------------------------------------------------------------

@pytest.mark.parametrize("value", ["yesterday", "1.7e9", "-1", "99999999999999999999", "１７００", "17 00"])
def test_a_bad_source_date_epoch_is_named(run, tmp_path, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    one_line_error(run("release", "--out", tmp_path / "dist", "--papers", EDGE), "SOURCE_DATE_EPOCH", "whole number")
    assert not (tmp_path / "dist").exists()


# --- 10. inputs are regular files, read up to a cap -----------------------------------------

@pytest.mark.parametrize("command", [
    ("export", "--papers", "{}"), ("export", "--papers", "{}.bib"), ("normalize", "{}"),
    ("import", "--from", "bibtex", "{}", "--papers", "{}.yaml"), ("import", "--from", "markdown", "{}", "--papers", "{}.yaml")])
def test_a_fifo_input_is_refused_not_waited_on(tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    if command[-1] == "{}.bib":
        fifo = fifo.rename(tmp_path / "pipe.bib")
    args = [a.replace("{}.bib", str(fifo)).replace("{}.yaml", str(tmp_path / "c.yaml")).replace("{}", str(fifo))
            for a in command]
    result = cli(*args, timeout=20)
    assert result.returncode == 1 and "FIFO" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_device_or_directory_input_is_refused(run, tmp_path):
    one_line_error(run("export", "--papers", "/dev/zero"), "/dev/zero: is a device, not a regular file")
    one_line_error(run("normalize", "/dev/zero"), "/dev/zero: is a device")
    one_line_error(run("export", "--format", "tables", "--check", "/dev/zero"), "/dev/zero: is a device")


def test_input_is_read_up_to_a_cap(run, tmp_path, monkeypatch):
    from unlearn_bib.files import read as inputs

    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1024 * 1024)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (1024 * 1024 + 1))
    one_line_error(run("export", "--papers", big), str(big), "larger than 1 MB")


# --- 13. the parse cache cannot run code or crash ------------------------------------------

@pytest.fixture
def big_catalog(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    subprocess.run([sys.executable, ROOT / "benchmarks" / "make_catalog.py", "--papers", "600", "--out", path], check=True)
    return path


def _cached(big_catalog, cache_dir):
    """Fill the cache for ``big_catalog`` and return (expected export, the cache file)."""
    result = cli("export", "--papers", big_catalog, env={"UNLEARN_BIB_CACHE_DIR": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    (entry,) = [p for p in cache_dir.iterdir() if not p.name.startswith(".")]
    return result.stdout, entry


def test_a_planted_pickle_in_the_cache_is_never_run(big_catalog, tmp_path):
    import pickle

    expected, entry = _cached(big_catalog, tmp_path / "cache")
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entry.write_bytes(pickle.dumps(Exploit()))
    entry.chmod(0o600)
    result = cli("export", "--papers", big_catalog, env={"UNLEARN_BIB_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0 and result.stdout == expected, result.stderr
    assert not marker.exists()


@pytest.mark.parametrize("content", [b"[1, 2, 3]", b'{"format": "unlearn-bib-catalog/1", "path": "x", "papers": 5}',
                                     b"\x80\x04K\x05.", b"[" * 100000, b""])
def test_a_cache_file_of_the_wrong_shape_is_a_miss(big_catalog, tmp_path, content):
    expected, entry = _cached(big_catalog, tmp_path / "cache")
    entry.write_bytes(content)
    result = cli("export", "--papers", big_catalog, env={"UNLEARN_BIB_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0 and result.stdout == expected and "Traceback" not in result.stderr


def test_a_tampered_record_in_the_cache_is_a_miss(big_catalog, tmp_path):
    expected, entry = _cached(big_catalog, tmp_path / "cache")
    data = json.loads(entry.read_bytes())
    data["papers"]["year"][0] = "2024"  # the year as a string: would crash or mis-sort an exporter
    entry.write_text(json.dumps(data))
    result = cli("export", "--papers", big_catalog, env={"UNLEARN_BIB_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0 and result.stdout == expected, result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the file to another user")
def test_a_cache_file_someone_else_owns_or_may_write_is_not_read(big_catalog, tmp_path, monkeypatch):
    from unlearn_bib.catalog import cache
    from unlearn_bib.catalog.load import load_catalog

    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    load_catalog(big_catalog)
    (entry,) = (tmp_path / "cache").iterdir()
    assert cache.read(entry) is not None
    entry.chmod(0o622)
    assert cache.read(entry) is None
    entry.chmod(0o600)
    os.chown(entry, 65534, 65534)
    assert cache.read(entry) is None


def test_a_failed_cache_write_leaves_no_temp_file(big_catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(os, "replace", _fail(errno.ENOSPC))
    from unlearn_bib.catalog.load import load_catalog

    assert len(load_catalog(big_catalog)) == 600
    assert list((tmp_path / "cache").iterdir()) == []


def test_the_parse_cache_writes_through_the_one_writer_with_mode_600(big_catalog, tmp_path, monkeypatch):
    from unlearn_bib.catalog import cache
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.files import write

    used = []
    real = write.write_atomic
    monkeypatch.setattr(write, "write_atomic", lambda *a, **k: (used.append(a[0]), real(*a, **k))[1])
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    old = os.umask(0)  # a umask that would leave the file writable by everyone
    try:
        load_catalog(big_catalog)
    finally:
        os.umask(old)
    (entry,) = (tmp_path / "cache").iterdir()
    assert used == [entry]
    assert entry.stat().st_mode & 0o777 == 0o600
    assert cache.read(entry) is not None


def test_the_cache_round_trips_every_field(big_catalog, tmp_path, monkeypatch):
    from unlearn_bib.catalog.load import load_catalog

    monkeypatch.setenv("UNLEARN_BIB_CACHE", "0")
    fresh = load_catalog(big_catalog)
    monkeypatch.setenv("UNLEARN_BIB_CACHE", "1")
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    load_catalog(big_catalog)
    cached = load_catalog(big_catalog)
    assert cached == fresh and [p.where for p in cached] == [p.where for p in fresh]
    assert cached.papers[0].authors[0] is not fresh.papers[0].authors[0]  # really read back, not the same objects


# --- 16. UNLEARN_BIB_JOBS --------------------------------------------------------------------

@pytest.mark.parametrize("value", ["²", "٣", "two"])
def test_a_non_ascii_digit_jobs_setting_is_named(run, monkeypatch, value):
    from unlearn_bib.csl import workers

    monkeypatch.setenv("UNLEARN_BIB_JOBS", value)
    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 10)
    result = run("export", "--format", "text", "--style", "ieee")
    one_line_error(result, "UNLEARN_BIB_JOBS", "whole number")
    assert "style" not in result.stderr


# --- 19. bundle permissions follow the umask ------------------------------------------------

@pytest.mark.parametrize("mask, folder, file", [(0o077, 0o700, 0o600), (0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_bundle_permissions_follow_the_umask(tmp_path, mask, folder, file):
    out = tmp_path / "dist"
    result = cli("release", "--out", out, "--papers", EDGE, umask=mask)
    assert result.returncode == 0, result.stderr
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in [out, *out.rglob("*")]}
    assert modes["."] == folder and modes["styles"] == folder
    assert {m for name, m in modes.items() if name not in (".", "styles")} == {file}


def test_o_dev_stdout_into_a_pipe_is_refused_as_a_fifo(tmp_path):
    result = subprocess.run(f"{sys.executable} -m unlearn_bib export --papers {EDGE} -o /dev/stdout | cat",
                            shell=True, capture_output=True, text=True, timeout=60)
    assert "is a FIFO" in result.stderr and "Traceback" not in result.stderr, result.stderr
