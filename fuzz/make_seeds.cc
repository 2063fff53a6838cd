// errc_make_seeds: writes the fuzzers' seed corpora (fuzz/corpus/<target>/seed-*)
// and dictionaries (fuzz/dict/<target>.dict) from the catalog and the case
// library. Run through ci/make-fuzz-seeds.sh after the catalog or the cases
// change; the output is deterministic, so a rerun without changes writes the
// same bytes.
//
//   errc_make_seeds [--catalog cases/catalog.json] [--cases cases]
//                   [--corpus fuzz/corpus] [--dict fuzz/dict]
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "seed_writer.h"
#include "seeds.h"

namespace {

using errcontract::CaseLibrary;
using errcontract::Catalog;
using errcontract::fuzz::Dictionary;
using errcontract::fuzz::Seed;

struct Options {
  std::string catalog = "cases/catalog.json";
  std::string cases = "cases";
  std::string corpus = "fuzz/corpus";
  std::string dict = "fuzz/dict";
};

std::optional<Options> parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    std::string* slot = arg == "--catalog"  ? &o.catalog
                        : arg == "--cases"  ? &o.cases
                        : arg == "--corpus" ? &o.corpus
                        : arg == "--dict"   ? &o.dict
                                            : nullptr;
    if (slot == nullptr || i + 1 >= argc) {
      std::fprintf(stderr,
                   "usage: errc_make_seeds [--catalog FILE] [--cases DIR] [--corpus DIR] "
                   "[--dict DIR]\n");
      return std::nullopt;
    }
    *slot = argv[++i];
  }
  return o;
}

const std::vector<std::string> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                           "PATCH", "DELETE", "OPTIONS"};

std::string json_quoted(std::string_view s) { return fmt::format("\"{}\"", s); }

// JSON syntax and the byte sequences the strict parser treats specially.
void add_json_words(Dictionary& d) {
  d.add_all({"{",
             "}",
             "[",
             "]",
             ":",
             ",",
             "\"",
             "true",
             "false",
             "null",
             "\\u",
             "\\uD800",
             "\\uDC00",
             "\\uDBFF\\uDFFF",
             "\\uD83D\\uDE00",
             "\\u0000",
             "\\\"",
             "\\\\",
             "\\/",
             "\\b",
             "\\n",
             "\\t",
             "e+",
             "E-",
             "-0",
             "0.5",
             "1e400",
             "10e308",
             "0e400",
             "1e-400",
             "123456789012345678901",
             "\xEF\xBB\xBF",
             std::string(1, '\0'),
             "\xC3\x28",
             "\xED\xA0\x80",
             "\xF4\x90\x80\x80",
             "\xC0\xAF",
             "\xE2\x82",
             "/*",
             "//",
             "'"});
}

void add_catalog_words(Dictionary& d, const Catalog& catalog, bool quote) {
  for (const auto& e : catalog.entries()) {
    d.add(quote ? json_quoted(e.code) : e.code);
    for (const auto& endpoint : e.endpoints) {
      d.add(quote ? json_quoted(endpoint.text()) : endpoint.text());
      d.add(quote ? json_quoted(endpoint.path) : endpoint.path);
    }
    const std::string message = errcontract::fuzz::cut_utf8(e.canonical_message(), 60);
    d.add(quote ? json_quoted(message) : message);
  }
  for (const std::string& m : kMethods) d.add(quote ? json_quoted(m) : m);
}

Dictionary envelope_dictionary(const Catalog& catalog) {
  Dictionary d;
  for (const char* name : {"error_code", "request", "message", "type", "field"}) {
    d.add(json_quoted(name));
  }
  add_json_words(d);
  add_catalog_words(d, catalog, true);
  return d;
}

Dictionary roundtrip_dictionary(const Catalog& catalog) {
  Dictionary d;
  d.add_all({"\\ ", "\\\\", "?", "#", "http://", "https://", " ", "\"", "\x01", "\x1F", "\x7F",
             std::string(1, '\0'), "\xC3\x28", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xEF\xBF\xBD",
             "\xE2\x82", "\xF0\x9F\x98\x80"});
  add_catalog_words(d, catalog, false);
  return d;
}

Dictionary case_file_dictionary(const Catalog& catalog, const CaseLibrary* library) {
  Dictionary d;
  for (const char* name :
       {"$schema", "cases",      "id",      "code",        "summary",  "tags",   "fixtures",
        "setup",   "request",    "expect",  "capture",     "teardown", "method", "path",
        "query",   "headers",    "auth",    "form",        "json",     "raw",    "content_type",
        "status",  "error_code", "message", "destructive", "upstream"}) {
    d.add(json_quoted(name));
  }
  d.add_all({"${run}", "${uniq}", "${fixture:token}", "${env:HOME}", "${id}", "$$", "${", "}",
             "/id", "~0", "~1"});
  add_json_words(d);
  add_catalog_words(d, catalog, true);
  if (library != nullptr) {
    for (const auto& c : library->cases) {
      for (const auto& f : c.fixtures) d.add(json_quoted(f));
      for (const auto& t : c.tags) d.add(json_quoted(t));
    }
  }
  return d;
}

Dictionary catalog_dictionary(const Catalog& catalog) {
  Dictionary d;
  for (const char* name : {"codes",    "code",          "level",
                           "module",   "module_name",   "detail",
                           "status",   "status_reason", "status_alternatives",
                           "message",  "message_rule",  "description_zh",
                           "endpoint", "notes",         "source",
                           "exact",    "prefix",        "any",
                           "table",    "extension"}) {
    d.add(json_quoted(name));
  }
  d.add_all({"...", "\"...\"", "100", "599", "600", "409", "-1", "2147483648"});
  add_json_words(d);
  for (const auto& e : catalog.entries()) {
    d.add(json_quoted(e.code));
    d.add(json_quoted(e.module));
    d.add(json_quoted(e.module_name));
  }
  return d;
}

Dictionary request_dictionary(const Catalog& catalog, const CaseLibrary* library) {
  Dictionary d;
  d.add_all({" HTTP/1.1\r\n",
             "HTTP/1.0",
             "\r\n",
             "\r\n\r\n",
             "\n",
             "Authorization: Bearer ",
             "${fixture:token}",
             "${fixture:expired_token}",
             "Content-Type: ",
             "application/x-www-form-urlencoded",
             "application/json",
             "multipart/form-data; boundary=",
             "Content-Length: ",
             "Host: 127.0.0.1",
             "?",
             "&",
             "=",
             "%",
             "%zz",
             "%C3%28",
             "+",
             "--",
             "Content-Disposition: form-data; name="});
  add_catalog_words(d, catalog, false);
  if (library != nullptr) {
    for (const auto& c : library->cases) {
      for (const auto& f : c.fixtures) d.add(fmt::format("${{fixture:{}}}", f));
      for (const auto* pairs : {&c.trigger.request.form, &c.trigger.request.query}) {
        for (const auto& [name, value] : *pairs) d.add(name + "=");
      }
    }
  }
  return d;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool write_seeds(errcontract::fuzz::SeedWriter& writer, const std::string& target,
                 const std::vector<Seed>& seeds) {
  for (const Seed& seed : seeds) {
    if (!writer.write(target, seed.name, seed.bytes)) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> options = parse_args(argc, argv);
  if (!options) return 2;
  const auto catalog = Catalog::load_file(options->catalog);
  if (!catalog.ok()) {
    std::fprintf(stderr, "errc_make_seeds: %s\n", catalog.status().message().c_str());
    return 2;
  }
  auto library = CaseLibrary::load_dir(options->cases, *catalog);
  const CaseLibrary* cases = library.ok() ? &library.value() : nullptr;
  if (cases == nullptr) {
    std::fprintf(stderr, "errc_make_seeds: no case library (%s); seeding from the catalog only\n",
                 library.status().message().c_str());
  }

  errcontract::fuzz::SeedWriter writer(options->corpus);
  const auto envelopes = errcontract::fuzz::envelope_seeds(*catalog);
  bool ok = write_seeds(writer, "fuzz_envelope_parse", envelopes) &&
            write_seeds(writer, "fuzz_envelope_differential", envelopes) &&
            write_seeds(writer, "fuzz_envelope_roundtrip",
                        errcontract::fuzz::roundtrip_seeds(*catalog)) &&
            write_seeds(writer, "fuzz_catalog",
                        errcontract::fuzz::catalog_seeds(read_text(options->catalog))) &&
            write_seeds(writer, "fuzz_case_file",
                        errcontract::fuzz::case_file_seeds(*catalog, options->cases)) &&
            write_seeds(writer, "fuzz_devserver_request",
                        errcontract::fuzz::request_seeds(*catalog, cases));

  std::error_code ec;
  std::filesystem::create_directories(options->dict, ec);
  const auto dict = [&](const std::string& target) {
    return options->dict + "/" + target + ".dict";
  };
  const Dictionary envelope = envelope_dictionary(*catalog);
  ok = ok && envelope.write(dict("fuzz_envelope_parse"), "error envelopes (JSON)") &&
       envelope.write(dict("fuzz_envelope_differential"), "error envelopes (JSON)") &&
       roundtrip_dictionary(*catalog).write(dict("fuzz_envelope_roundtrip"),
                                            "codes, methods, paths and messages, unquoted") &&
       case_file_dictionary(*catalog, cases).write(dict("fuzz_case_file"), "case files") &&
       catalog_dictionary(*catalog).write(dict("fuzz_catalog"), "catalog files") &&
       request_dictionary(*catalog, cases)
           .write(dict("fuzz_devserver_request"), "raw HTTP requests to the reference server");
  if (!ok) return 1;
  std::printf("errc_make_seeds: wrote %zu seeds under %s and 6 dictionaries under %s\n",
              writer.written(), options->corpus.c_str(), options->dict.c_str());
  return 0;
}
