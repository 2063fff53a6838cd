// What errc_make_seeds writes for each fuzz target: seed inputs and
// dictionary words derived from the catalog and the case library, so the
// fuzzers start from inputs that reach deep (valid envelopes for every module,
// real case files, requests to every documented endpoint).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"

namespace errcontract::fuzz {

struct Seed {
  std::string name;  // file name after "seed-"
  std::string bytes;
};

// Bodies for fuzz_envelope_parse and fuzz_envelope_differential: a conforming
// envelope per module, then one body per kind of finding.
std::vector<Seed> envelope_seeds(const Catalog& catalog);

// FuzzedDataProvider-encoded inputs for fuzz_envelope_roundtrip.
std::vector<Seed> roundtrip_seeds(const Catalog& catalog);

// Small catalogs (a few entries of the real one, per module and per message
// rule) for fuzz_catalog; `catalog_json` is the text of cases/catalog.json.
std::vector<Seed> catalog_seeds(std::string_view catalog_json);

// One case per file, from the *.cases.json files under `cases_dir`, or
// synthesised from the catalog's endpoints when there are none.
std::vector<Seed> case_file_seeds(const Catalog& catalog, const std::string& cases_dir);

// Raw HTTP requests for fuzz_devserver_request: every catalogued endpoint,
// and the steps of the library's cases (setup requests, then the trigger).
// Fixture values are left as ${fixture:NAME}: the target expands them.
std::vector<Seed> request_seeds(const Catalog& catalog, const CaseLibrary* library);

}  // namespace errcontract::fuzz
