// CaseLibrary: loads case files (one file or a directory of
// *.cases.json), collects every problem of every file as "file:line: what",
// and checks what only the whole library can see (duplicate case ids).
#include <fmt/format.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "cases/case_json.h"
#include "errcontract/case.h"
#include "errcontract/fixture_declarations.h"
#include "json/json_location.h"
#include "json/json_source_map.h"
#include "memory/huge_pages.h"
#include "result/digest.h"

namespace errcontract {
namespace {

constexpr std::string_view kCaseFileSuffix = ".cases.json";
constexpr std::string_view kFixturesFile = "fixtures.json";

struct Loaded {
  std::vector<Case> cases;
  std::vector<std::string> errors;
};

// Messages quote values from the file (paths, raw bodies, member names),
// which may hold newlines; the error lists one problem per line, so control
// characters are shown escaped.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  return out;
}

constexpr std::size_t kDomBytesPerTextByte = 2;
constexpr std::size_t kDomChunkBytes = 64 * 1024;

void load_text(std::string_view json, std::string_view source_name, const Catalog& catalog,
               const FixtureDeclarations* declared, Loaded& loaded) {
  // The DOM in one buffer of huge pages sized from the text (a case file's
  // DOM takes about 1.5 times its text; an unusual file that needs more gets
  // further chunks from the heap): a first load in a fresh process spent
  // most of its time in the page faults of the DOM's 64 KiB heap chunks.
  internal::HugePageBuffer dom_memory(kDomBytesPerTextByte * json.size() + kDomChunkBytes);
  rapidjson::MemoryPoolAllocator<> dom_pool(dom_memory.data(), dom_memory.size(), kDomChunkBytes);
  rapidjson::Document dom(&dom_pool);
  Result<internal::JsonSourceMap> map = internal::scan_json_source(json, source_name, dom);
  if (!map.ok()) {
    loaded.errors.push_back(map.status().message());
    return;
  }
  // Geometric, so that a directory of many files still moves each case O(1) times.
  if (dom.IsObject() && dom.HasMember("cases") && dom["cases"].IsArray()) {
    const std::size_t needed = loaded.cases.size() + dom["cases"].Size();
    if (needed > loaded.cases.capacity()) {
      loaded.cases.reserve(std::max(needed, 2 * loaded.cases.capacity()));
      // Megabytes that the reader fills once (30,000 cases: 20 MB).
      internal::advise_huge_pages(loaded.cases.data(), loaded.cases.capacity() * sizeof(Case));
    }
  }
  std::vector<internal::JsonProblem> variables;
  internal::CaseSink sink;
  sink.slot = [&]() -> Case& { return loaded.cases.emplace_back(); };
  sink.on_case = [&](internal::CaseSource& source) {
    internal::check_case_variables(source, declared, variables);
    source.value.file = std::string(source_name);
  };
  const std::vector<internal::JsonProblem> read =
      internal::read_case_file(dom, *map, catalog, sink);
  std::vector<internal::JsonProblem> problems = std::move(map->problems);
  problems.insert(problems.end(), read.begin(), read.end());
  problems.insert(problems.end(), variables.begin(), variables.end());
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.offset < b.offset; });
  for (const auto& problem : problems) {
    loaded.errors.push_back(fmt::format("{}:{}: {}", source_name, map->line(problem.offset),
                                        one_line(problem.message)));
  }
}

void check_duplicate_ids(Loaded& loaded) {
  // Ids sorted by a hash of their text, so that equal ids meet as neighbours:
  // a map of the ids themselves compared long shared prefixes ("bucket-info-
  // unknown-17") 30,000 times over, and a hash map's nodes stayed among the
  // freed parse memory (bench/throughput.sh peaked 10 MB higher).
  struct Id {
    std::size_t hash, index;
  };
  std::vector<Id> ids;
  ids.reserve(loaded.cases.size());
  const std::hash<std::string_view> hash;
  for (std::size_t i = 0; i < loaded.cases.size(); ++i) {
    if (!loaded.cases[i].id.empty()) ids.push_back({hash(loaded.cases[i].id), i});
  }
  std::sort(ids.begin(), ids.end(), [](const Id& a, const Id& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.index < b.index;
  });
  std::vector<std::pair<std::size_t, std::size_t>> duplicates;  // (index, index of the first)
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t end = i + 1;
    while (end < ids.size() && ids[end].hash == ids[i].hash) ++end;
    // Within one hash, the first of each distinct id (in file order) is the original.
    for (std::size_t k = i + 1; k < end; ++k) {
      for (std::size_t j = i; j < k; ++j) {
        if (loaded.cases[ids[j].index].id == loaded.cases[ids[k].index].id) {
          duplicates.emplace_back(ids[k].index, ids[j].index);
          break;
        }
      }
    }
    i = end;
  }
  std::sort(duplicates.begin(), duplicates.end());  // in file order, as before
  for (const auto& [index, first_index] : duplicates) {
    const Case& c = loaded.cases[index];
    const Case& first = loaded.cases[first_index];
    loaded.errors.push_back(fmt::format("{}:{}: duplicate case id \"{}\" (first at {}:{})", c.file,
                                        c.line, one_line(c.id), first.file, first.line));
  }
}

// Hands the pages of the files' parses (their DOMs and source maps, freed by
// now) back to the system. The allocator keeps freed pages wherever a
// long-lived allocation sits above them, and a run then grows on top:
// bench/throughput.sh peaked at 99 MB instead of 90 for 30,000 cases after a
// change to the source map's layout alone. Not in parse(), which tools and
// benchmarks call in loops: there the pages are reused at once.
void release_parse_memory() {
#if defined(__GLIBC__)
  ::malloc_trim(0);
#endif
}

Result<CaseLibrary> finish(Loaded loaded, std::shared_ptr<const FixtureDeclarations> declared,
                           std::string digest) {
  check_duplicate_ids(loaded);
  if (!loaded.errors.empty()) {
    std::string message;
    for (const auto& error : loaded.errors) {
      if (!message.empty()) message += '\n';
      message += error;
    }
    return Status(StatusCode::kInvalidInput, std::move(message));
  }
  CaseLibrary library;
  library.cases = std::move(loaded.cases);
  library.declared = std::move(declared);
  library.digest = std::move(digest);
  return library;
}

}  // namespace

bool Case::has_tag(std::string_view tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

Result<CaseLibrary> CaseLibrary::parse(std::string_view json, std::string_view source_name,
                                       const Catalog& catalog,
                                       std::shared_ptr<const FixtureDeclarations> declared) {
  Loaded loaded;
  load_text(json, source_name, catalog, declared.get(), loaded);
  internal::ContentDigest digest;
  digest.add(std::filesystem::path(source_name).filename().string(), json);
  return finish(std::move(loaded), std::move(declared), digest.finish());
}

Result<CaseLibrary> CaseLibrary::load_dir(const std::string& dir, const Catalog& catalog) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status(StatusCode::kNotFound, fmt::format("{}: not a directory", dir));
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    bool is_case_file = name.size() > kCaseFileSuffix.size() &&
                        name.compare(name.size() - kCaseFileSuffix.size(), kCaseFileSuffix.size(),
                                     kCaseFileSuffix) == 0;
    if (is_case_file && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) {
    return Status(StatusCode::kIoError, fmt::format("{}: cannot list: {}", dir, ec.message()));
  }
  if (files.empty()) {
    return Status(StatusCode::kNotFound, fmt::format("no case files (*.cases.json) in {}", dir));
  }
  std::sort(files.begin(), files.end());

  Loaded loaded;
  internal::ContentDigest digest;
  // Without a fixtures.json every fixture a case names is undeclared; the
  // error says where the declarations go.
  auto declared = std::make_shared<FixtureDeclarations>();
  const fs::path declarations = fs::path(dir) / kFixturesFile;
  bool declarations_readable = true;
  if (fs::exists(declarations, ec)) {
    if (Result<std::string> text = internal::read_file(declarations.string()); text.ok()) {
      digest.add(kFixturesFile, *text);
    }
    Result<FixtureDeclarations> read = FixtureDeclarations::load_file(declarations.string());
    if (read.ok()) {
      *declared = std::move(*read);
    } else {
      loaded.errors.push_back(read.status().message());
      declarations_readable = false;  // its own errors say enough
    }
  } else {
    declared->file = declarations.string();
    declared->missing = true;
  }
  for (const fs::path& file : files) {
    Result<internal::HugePageText> text = internal::read_file_huge_pages(file.string());
    if (!text.ok()) {
      loaded.errors.push_back(text.status().message());
      continue;
    }
    digest.add(file.filename().string(), *text);
    load_text(*text, file.string(), catalog, declarations_readable ? declared.get() : nullptr,
              loaded);
  }
  release_parse_memory();
  return finish(std::move(loaded), std::move(declared), digest.finish());
}

const Case* CaseLibrary::find(std::string_view id) const {
  for (const Case& c : cases) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace errcontract
