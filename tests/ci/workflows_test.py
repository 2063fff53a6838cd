#!/usr/bin/env python3
"""The example CI files for a sharded run (ci/github/contract-sharded.yml,
ci/gitlab/contract.yml) hold together: the number of shards, the --shard K/N
each job runs, the reports the shards keep and the inputs the merge job reads
all line up, and the merge writes the reports the publishing steps expect.
The fuzz-api nightly (ci/github/fuzz-api-nightly.yml) caches the corpus that
ci/fuzz-api.sh keeps, uploads the reproducers it writes, and shares the
contract job's concurrency group.

    tests/ci/workflows_test.py SOURCE_DIR
"""
import re
import sys
from pathlib import Path

import yaml

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def merge_inputs(script):
    """The input files of the `errcontract report merge` command in script."""
    text = " ".join(w for w in script.split() if w != "\\")
    m = re.search(r"errcontract report merge (.*)", text)
    check(m is not None, "no `errcontract report merge` command")
    if m is None:
        return [], {}
    words = m.group(1).split()
    inputs, reports, i = [], {}, 0
    while i < len(words):
        if words[i] == "--report":
            fmt, _, path = words[i + 1].partition("=")
            reports[fmt] = path
            i += 2
        elif words[i].startswith("--"):
            i += 1
        else:
            inputs.append(words[i])
            i += 1
    return inputs, reports


def github(text):
    doc = yaml.safe_load(text)
    jobs = doc["jobs"]
    shard, merge = jobs["shard"], jobs["merge"]
    shards = shard["strategy"]["matrix"]["shard"]
    n = len(shards)
    check(shards == list(range(1, n + 1)), f"github: matrix shards {shards} are not 1..{n}")
    check(shard["strategy"].get("fail-fast") is False, "github: a failing shard must not cancel the others")
    check("timeout-minutes" in shard and "timeout-minutes" in merge, "github: every job has timeout-minutes")
    run = " ".join(s.get("run", "") for s in shard["steps"])
    check(f"--shard ${{{{ matrix.shard }}}}/{n} " in run + " ", f"github: the run does not say --shard K/{n}")
    out = re.search(r"--out (\S+\$\{\{ matrix\.shard \}\}|\S+)", run)
    check(out is not None, "github: the shard's run has no --out")
    upload = [s for s in shard["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    check(len(upload) == 1, "github: the shard job keeps its report once")
    check(upload[0].get("if") == "always()", "github: the shard keeps its report even when it failed")
    check(upload[0]["with"]["path"] == f"{out.group(1)}/report.json",
          "github: the shard keeps a file that is not its run's JSON report")
    artifact = upload[0]["with"]["name"]
    check(merge.get("needs") == "shard" and merge.get("if") == "always()",
          "github: the merge job needs the shards and runs even when one failed")
    download = [s for s in merge["steps"] if str(s.get("uses", "")).startswith("actions/download-artifact")]
    check(len(download) == 1, "github: the merge job downloads the shards' reports")
    where = download[0]["with"]["path"]
    pattern = download[0]["with"]["pattern"]
    script = " ".join(s.get("run", "") for s in merge["steps"])
    inputs, reports = merge_inputs(script)
    expected = [f"{where}/{artifact.replace('${{ matrix.shard }}', str(k))}/report.json" for k in shards]
    check(inputs == expected, f"github: merge inputs {inputs} are not {expected}")
    check(re.fullmatch(pattern.replace("*", ".*"), artifact.replace("${{ matrix.shard }}", "1")),
          "github: the download pattern does not match the shards' artifacts")
    check({"junit", "json", "html", "md"} <= reports.keys(), f"github: merge writes {sorted(reports)}")
    publish = [s for s in merge["steps"] if "action-junit-report" in str(s.get("uses", ""))]
    check(len(publish) == 1 and publish[0]["with"]["report_paths"] == reports.get("junit"),
          "github: the JUnit published is not the one the merge writes")
    check("hashFiles" in publish[0].get("if", ""), "github: publishing copes with a JUnit never written")


def gitlab(text):
    doc = yaml.safe_load(text)
    contract, merge = doc["contract"], doc["merge"]
    n = contract["parallel"]
    check(isinstance(n, int) and n > 1, "gitlab: contract is not parallel")
    run = " ".join(contract["script"])
    check(f'--shard "$CI_NODE_INDEX/{n}"' in run, f"gitlab: the run does not say --shard $CI_NODE_INDEX/{n}")
    out = re.search(r'--out "?([^"\s]+)"?', run)
    check(out is not None, "gitlab: the run has no --out")
    kept = contract["artifacts"]["paths"]
    check(kept == [f"{out.group(1)}/report.json"], f"gitlab: the shard keeps {kept}")
    check(contract["artifacts"].get("when") == "always", "gitlab: a failed shard keeps its report")
    check("resource_group" not in contract, "gitlab: a resource_group would run the shards one by one")
    check(merge.get("when") == "always", "gitlab: the merge runs even when a shard failed")
    check(merge["needs"][0]["job"] == "contract", "gitlab: the merge needs the contract jobs")
    inputs, reports = merge_inputs(" ".join(merge["script"]))
    expected = [f"{out.group(1).replace('$CI_NODE_INDEX', str(k))}/report.json" for k in range(1, n + 1)]
    check(inputs == expected, f"gitlab: merge inputs {inputs} are not {expected}")
    check({"junit", "json", "html", "md"} <= reports.keys(), f"gitlab: merge writes {sorted(reports)}")
    check(merge["artifacts"]["reports"]["junit"] == reports.get("junit"),
          "gitlab: the JUnit shown is not the one the merge writes")
    check(all("timeout" in job for job in (contract, merge)), "gitlab: every job has a timeout")


def fuzz_nightly(text, contract_text):
    doc = yaml.safe_load(text)
    job = doc["jobs"]["fuzz-api"]
    steps = job["steps"]
    run = " ".join(s.get("run", "") for s in steps)
    m = re.search(r"ci/fuzz-api\.sh .*?--seconds (\d+).*?--out (\S+)", " ".join(run.split()))
    check(m is not None, "fuzz-api: the job does not run ci/fuzz-api.sh with --seconds and --out")
    if m is None:
        return
    seconds, out = int(m.group(1)), m.group(2)
    check(seconds + 10 * 60 <= job["timeout-minutes"] * 60,
          "fuzz-api: timeout-minutes leaves under 10 minutes for the build and the steps after")
    restore = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/restore")]
    save = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/save")]
    check(len(restore) == 1 and len(save) == 1, "fuzz-api: the corpus is restored and saved once")
    check(restore[0]["with"]["path"] == f"{out}/corpus" == save[0]["with"]["path"],
          f"fuzz-api: the cached path is not the corpus ci/fuzz-api.sh keeps ({out}/corpus)")
    check(restore[0]["with"]["restore-keys"] and
          save[0]["with"]["key"].startswith(restore[0]["with"]["restore-keys"]),
          "fuzz-api: the saved key is not found by the next night's restore-keys")
    check(str(save[0].get("if", "")).startswith("always()"),
          "fuzz-api: the corpus is not saved when violations fail the job")
    upload = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    check(len(upload) == 1 and upload[0]["with"]["path"].rstrip("/") == f"{out}/reproducers",
          f"fuzz-api: the upload is not the reproducers ci/fuzz-api.sh writes ({out}/reproducers)")
    check(upload[0].get("if") == "always()", "fuzz-api: reproducers are uploaded only on success")
    contract = yaml.safe_load(contract_text)
    check(doc.get("concurrency", {}).get("group") == contract["concurrency"]["group"],
          "fuzz-api: not in the contract job's concurrency group (both would hit staging at once)")


def main():
    global failures
    source = Path(sys.argv[1])
    hub = (source / "ci/github/contract-sharded.yml").read_text()
    lab = (source / "ci/gitlab/contract.yml").read_text()
    fuzz = (source / "ci/github/fuzz-api-nightly.yml").read_text()
    single = (source / "ci/github/contract.yml").read_text()
    github(hub)
    gitlab(lab)
    fuzz_nightly(fuzz, single)
    found = failures
    # The checks themselves: each break of the files below must be caught.
    breaks = [
        (github, hub.replace("shard: [1, 2, 3]", "shard: [1, 2, 3, 4]")),
        (github, hub.replace("shards/errcontract-shard-3/report.json", "")),
        (github, hub.replace("--report html=out/merged/report.html ", "")),
        (gitlab, lab.replace("parallel: 3", "parallel: 4")),
        (gitlab, lab.replace("out/shard-3/report.json", "out/shard-4/report.json")),
        (gitlab, lab.replace("when: always\n  timeout: 20m", "timeout: 20m")),
        (lambda t: fuzz_nightly(t, single), fuzz.replace("path: out/fuzz-api/corpus\n          key",
                                                         "path: out/corpus\n          key", 1)),
        (lambda t: fuzz_nightly(t, single), fuzz.replace("--seconds 1200", "--seconds 2400")),
        (lambda t: fuzz_nightly(t, single), fuzz.replace("out/fuzz-api/reproducers/", "out/fuzz-api/")),
    ]
    for n, (check_file, text) in enumerate(breaks):
        failures = []
        try:
            check_file(text)
        except (KeyError, IndexError, TypeError, AttributeError):
            failures.append("unreadable")
        if not failures:
            found.append(f"break {n} of the example files went unnoticed")
    for f in found:
        print("FAIL:", f)
    if found:
        sys.exit(1)
    print(f"workflows: the sharded GitHub and GitLab examples and the fuzz-api nightly line up "
          f"({len(breaks)} breaks caught)")


if __name__ == "__main__":
    main()
